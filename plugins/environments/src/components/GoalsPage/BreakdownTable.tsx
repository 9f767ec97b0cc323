import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Goal, GoalBreakdownRow } from '@paved/plugin-environments-common';
import { formatGoalValue } from '../../lib/formatGoal';

type Row = GoalBreakdownRow & { id: string };

/** The goal's value over each team's (or each class's) environments. */
export const BreakdownTable = (props: {
  goal: Goal;
  title: string;
  rows: GoalBreakdownRow[];
  /** Teams are groups of the catalog, so they link to their pages. */
  keyIsGroup?: boolean;
}) => {
  const { goal, title, rows, keyIsGroup } = props;
  const columns: TableColumn<Row>[] = [
    {
      title: keyIsGroup ? 'Team' : 'Class',
      field: 'key',
      render: row =>
        keyIsGroup ? (
          <EntityRefLink entityRef={row.key} defaultKind="group" />
        ) : (
          row.key
        ),
    },
    {
      title: 'Value',
      field: 'value',
      render: row => formatGoalValue(row.value, goal),
    },
    // What the value is made of: environments, findings or operations, by metric.
    { title: 'Counted', field: 'count', type: 'numeric' },
  ];
  return (
    <section aria-label={title}>
      <Table<Row>
        title={title}
        columns={columns}
        data={rows.map(r => ({ ...r, id: r.key }))}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">Nothing to break down yet.</Typography>
          </Box>
        }
      />
    </section>
  );
};
