import { useCallback, useEffect, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalRequest,
  ApprovalState,
} from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { DecisionForm } from './DecisionForm';
import { describeDecision } from './describeDecision';
import { ExceptionsSection } from './ExceptionsSection';

const STATES: ApprovalState[] = [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
];

const describePlan = (r: ApprovalRequest) =>
  `${r.operationType} ${
    r.resources.map(x => `${x.type}/${x.name}`).join(', ') || 'no resources'
  } · ${r.estimatedMonthlyCost.amount} ${
    r.estimatedMonthlyCost.currency
  }/month`;

function columns(decide?: (r: ApprovalRequest) => JSX.Element) {
  const base: TableColumn<ApprovalRequest>[] = [
    { title: 'Environment', render: r => `${r.environmentName} (${r.class})` },
    { title: 'Owner', field: 'owner' },
    {
      title: 'Asked by',
      render: r =>
        `${r.requestedBy} · ${new Date(r.createdAt).toLocaleString()}`,
    },
    { title: 'Plan', render: describePlan },
    {
      title: 'Why',
      render: r => (
        <>
          <div>{r.reasons.join('; ')}</div>
          {r.warnings.length > 0 && (
            <div>
              Rules broken: {r.warnings.map(w => w.rule ?? w.field).join(', ')}
            </div>
          )}
          {r.reason && <div>Reason: {r.reason}</div>}
        </>
      ),
    },
  ];
  if (decide) return [...base, { title: 'Decision', render: decide }];
  return [
    ...base,
    {
      title: 'State',
      render: (r: ApprovalRequest) => describeDecision(r),
    },
  ];
}

/**
 * The Requests tab: for approvers, what waits for them, with the plan, cost, rules broken
 * and the requester's reason, to approve or reject; for everyone, every request they may
 * see with its state and decision, filtered by state, class and owner; then the same
 * for baseline exceptions.
 * @public
 */
export const RequestsPage = () => {
  const api = useApi(environmentsApiRef);
  const [toDecide, setToDecide] = useState<ApprovalRequest[]>();
  const [all, setAll] = useState<ApprovalRequest[]>();
  const [error, setError] = useState<Error>();
  const [filters, setFilters] = useState({ state: '', class: '', owner: '' });

  const load = useCallback(async () => {
    try {
      const [mine, everything] = await Promise.all([
        api.listRequests({ toDecide: true }),
        api.listRequests(),
      ]);
      setToDecide(mine);
      setAll(everything);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api]);
  useEffect(() => {
    load();
  }, [load]);

  const shown = useMemo(
    () =>
      (all ?? []).filter(
        r =>
          (!filters.state || r.state === filters.state) &&
          (!filters.class || r.class === filters.class) &&
          (!filters.owner || r.owner === filters.owner),
      ),
    [all, filters],
  );
  const options = (key: 'class' | 'owner') => [
    ...new Set((all ?? []).map(r => r[key])),
  ];

  if (error && !all) {
    return (
      <Box p={3}>
        <LoadError
          title="Could not load the requests"
          error={error}
          onRetry={load}
        />
      </Box>
    );
  }
  const select = (key: 'state' | 'class' | 'owner', values: string[]) => (
    <TextField
      select
      size="small"
      variant="outlined"
      label={key[0].toUpperCase() + key.slice(1)}
      value={filters[key]}
      onChange={e => setFilters({ ...filters, [key]: e.target.value })}
      style={{ minWidth: 160 }}
    >
      <MenuItem value="">Any</MenuItem>
      {values.map(v => (
        <MenuItem key={v} value={v}>
          {v}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Box p={3} display="flex" flexDirection="column" style={{ gap: 24 }}>
      {toDecide && toDecide.length > 0 && (
        <Table
          title="Waiting for your decision"
          options={{ paging: false, search: false }}
          data={toDecide}
          columns={columns(r => (
            <DecisionForm
              subject={r.environmentName}
              decide={decision => api.decideRequest(r.id, decision)}
              onDecided={load}
            />
          ))}
        />
      )}
      <Box display="flex" style={{ gap: 16 }}>
        {select('state', STATES)}
        {select('class', options('class'))}
        {select('owner', options('owner'))}
      </Box>
      <Table
        title="Requests and decisions"
        isLoading={!all}
        options={{ paging: false, search: false }}
        data={shown}
        columns={columns()}
        emptyContent={
          <Box p={2}>
            <Typography>No requests needed approval yet.</Typography>
          </Box>
        }
      />
      <ExceptionsSection />
    </Box>
  );
};
