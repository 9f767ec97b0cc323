import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Goal,
  GoalHolder,
  environmentEntityRef,
} from '@paved/plugin-environments-common';
import { formatGoalValue } from '../../lib/formatGoal';
import { FindingsDialog } from '../FindingsDialog';
import { TierAndClass } from '../TierChip';

type Row = GoalHolder & { id: string };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The findings or operations behind a holder: findings open in the dialog the cards
 * use; operations are on the environment's page, whose history card lists them.
 */
const Evidence = (props: { row: Row; onFindings: (row: Row) => void }) => {
  const { row, onFindings } = props;
  const findings = row.findingIds?.length ?? 0;
  const operations = row.operationIds?.length ?? 0;
  if (!row.environmentId) return null;
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-start">
      {findings > 0 && (
        <Button
          size="small"
          color="primary"
          aria-haspopup="dialog"
          aria-label={`Findings of ${row.name}: ${plural(findings, 'finding')}`}
          onClick={() => onFindings(row)}
        >
          {plural(findings, 'finding')}
        </Button>
      )}
      {operations > 0 && (
        <EntityRefLink entityRef={environmentEntityRef(row)} hideIcon>
          {plural(operations, 'operation')}
        </EntityRefLink>
      )}
    </Box>
  );
};

/** The environments that keep the goal from its target, worst first, with why. */
export const HoldingBackTable = (props: {
  goal: Goal;
  holders: GoalHolder[];
}) => {
  const { goal, holders } = props;
  const [findingsOf, setFindingsOf] = useState<Row>();
  const columns: TableColumn<Row>[] = [
    {
      title: 'Environment',
      render: row =>
        row.environmentId ? (
          <strong>
            <EntityRefLink
              entityRef={environmentEntityRef(row)}
              title={row.name}
            />
          </strong>
        ) : (
          // A create its baseline refused: nothing was made to link to.
          <>{row.name} (not created)</>
        ),
    },
    {
      title: 'Component',
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Owner',
      render: row => (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ),
    },
    {
      title: 'Tier and class',
      render: row => (
        <TierAndClass tier={row.tier} environmentClass={row.class} />
      ),
    },
    { title: 'Why', field: 'reason' },
    {
      title: 'Value',
      render: row =>
        row.value === undefined ? '' : formatGoalValue(row.value, goal),
    },
    {
      title: 'Evidence',
      render: row => <Evidence row={row} onFindings={setFindingsOf} />,
    },
  ];
  // A reached goal is held back by nothing: its list is what weighs on it most.
  const title =
    goal.status === 'reached' ? 'What weighs on it most' : 'Holding it back';
  return (
    <section aria-label={title}>
      <Table<Row>
        title={`${title} (${holders.length})`}
        columns={columns}
        data={holders.map((h, i) => ({ ...h, id: h.environmentId ?? `${i}` }))}
        options={{
          paging: holders.length > 20,
          pageSize: 20,
          search: false,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              Nothing you may see holds this goal back.
            </Typography>
          </Box>
        }
      />
      {findingsOf?.environmentId && (
        <FindingsDialog
          environment={{ id: findingsOf.environmentId, name: findingsOf.name }}
          onClose={() => setFindingsOf(undefined)}
        />
      )}
    </section>
  );
};
