import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Environment,
  environmentEntityRef,
} from '@paved/plugin-environments-common';
import { formatMonthlyCost } from '../../lib/format';
import { StatusIcon } from '../EnvironmentStatus';
import { TierAndClass } from '../TierChip';
import { TimeLeft } from '../TimeLeft';
import { OpenFindingsCell } from './OpenFindingsCell';

// material-table writes bookkeeping into its rows; give it copies, not our state.
type Row = Environment & { key: string };

const columns: TableColumn<Row>[] = [
  {
    title: 'Environment',
    field: 'name',
    highlight: true,
    // Its catalog page (findings, operations history); then the component it serves.
    render: row => (
      <>
        <Typography variant="body2" component="div">
          <strong>
            <EntityRefLink
              entityRef={environmentEntityRef(row)}
              title={row.name}
            />
          </strong>
        </Typography>
        <EntityRefLink entityRef={row.entityRef} />
      </>
    ),
  },
  {
    // One column for both: in most setups a class is named after its tier.
    title: 'Tier and class',
    field: 'tier',
    render: row => (
      <TierAndClass tier={row.tier} environmentClass={row.class} />
    ),
  },
  {
    title: 'Status',
    field: 'status',
    render: row => (
      <Box
        display="flex"
        alignItems="center"
        gridGap={8}
        style={{ whiteSpace: 'nowrap' }}
      >
        <StatusIcon status={row.status} />
        <span>{row.status}</span>
      </Box>
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  {
    title: 'Resources',
    render: row =>
      row.resources.map(r => `${r.name} (${r.type})`).join(', ') || 'none',
  },
  {
    title: 'Expires',
    field: 'expiresAt',
    render: row =>
      row.expiresAt ? <TimeLeft expiresAt={row.expiresAt} compact /> : 'never',
  },
  {
    title: 'Baseline findings',
    field: 'openFindings',
    // Absent means none; sort it as 0 rather than after every number.
    customSort: (a, b) => (a.openFindings ?? 0) - (b.openFindings ?? 0),
    render: row => <OpenFindingsCell environment={row} />,
  },
  {
    title: 'Estimated cost',
    render: row => formatMonthlyCost(row.estimatedMonthlyCost),
  },
];

/** Every environment that passed the filters, one row each. */
export const EnvironmentsTable = (props: {
  environments: Environment[];
  loading: boolean;
}) => {
  const rows: Row[] = props.environments.map(e => ({ ...e, key: e.id }));
  return (
    <Table<Row>
      title={`Environments (${props.environments.length})`}
      columns={columns}
      data={rows}
      isLoading={props.loading}
      options={{
        search: false,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No environment matches these filters.
          </Typography>
        </Box>
      }
    />
  );
};
