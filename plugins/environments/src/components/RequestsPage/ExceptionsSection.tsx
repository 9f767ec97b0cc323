import { useCallback, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BaselineException } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { formatDate } from '../../lib/format';
import { guidelinePages } from '../../lib/guidelines';
import { LoadError } from '../LoadError';
import { DecisionForm } from './DecisionForm';
import { describeDecision } from './describeDecision';

function columns(decide?: (e: BaselineException) => JSX.Element) {
  const base: TableColumn<BaselineException>[] = [
    { title: 'Environment', render: e => `${e.environmentName} (${e.class})` },
    {
      title: 'Rule',
      render: e => `${e.rule}${e.resourceName ? ` on ${e.resourceName}` : ''}`,
    },
    { title: 'Justification', field: 'justification' },
    { title: 'Until', render: e => formatDate(e.until) },
    {
      title: 'Asked by',
      render: e =>
        `${e.requestedBy} · ${new Date(e.createdAt).toLocaleString()}`,
    },
  ];
  if (decide) return [...base, { title: 'Decision', render: decide }];
  return [...base, { title: 'State', render: describeDecision }];
}

/**
 * The exceptions part of the Requests tab: for approvers, the exceptions waiting for
 * them, to approve or reject with a comment; for everyone, every exception they may
 * see with its state and decision. Loads on its own, so the requests show even when
 * the exceptions do not.
 */
export const ExceptionsSection = () => {
  const api = useApi(environmentsApiRef);
  const links = useEnvironmentLinks();
  const [toDecide, setToDecide] = useState<BaselineException[]>();
  const [all, setAll] = useState<BaselineException[]>();
  const [error, setError] = useState<Error>();

  const load = useCallback(async () => {
    try {
      const [mine, everything] = await Promise.all([
        api.listExceptions({ toDecide: true }),
        api.listExceptions(),
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

  return (
    <Box
      component="section"
      aria-labelledby="exceptions-heading"
      display="flex"
      flexDirection="column"
      style={{ gap: 16 }}
    >
      <Typography variant="h5" component="h2" id="exceptions-heading">
        Exceptions
      </Typography>
      <Typography variant="body2">
        An approved exception accepts the findings of a rule of severity high
        until its end date: they no longer degrade the environment.{' '}
        <Link to={links.guideline(guidelinePages.exceptions)}>
          About exceptions
        </Link>
      </Typography>
      {error && !all && (
        <LoadError
          title="Could not load the exceptions"
          error={error}
          onRetry={load}
        />
      )}
      {toDecide && toDecide.length > 0 && (
        <Table
          title="Exceptions waiting for your decision"
          options={{ paging: false, search: false }}
          data={toDecide}
          columns={columns(e => (
            <DecisionForm
              subject={`the exception to ${e.rule} of ${e.environmentName}`}
              decide={decision => api.decideException(e.id, decision)}
              onDecided={load}
            />
          ))}
        />
      )}
      {!(error && !all) && (
        <Table
          title="Exceptions and decisions"
          isLoading={!all}
          options={{ paging: false, search: false }}
          data={all ?? []}
          columns={columns()}
          emptyContent={
            <Box p={2}>
              <Typography>Nobody asked for an exception yet.</Typography>
            </Box>
          }
        />
      )}
    </Box>
  );
};
