import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Operation } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useNow } from '../../hooks/useNow';
import {
  formatDateTime,
  formatTimeAgo,
  formatTimeLeft,
} from '../../lib/format';

const useStyles = makeStyles({
  details: { overflowWrap: 'anywhere', maxWidth: '40em' },
});

const WHAT: Record<Operation['type'], string> = {
  create: 'Create',
  update: 'Update',
  destroy: 'Destroy',
  extend: 'Extend',
};

const STATE: Record<Operation['state'], string> = {
  'awaiting-approval': 'Awaiting approval',
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

function duration(operation: Operation): string | undefined {
  if (!operation.startedAt || !operation.finishedAt) return undefined;
  const ms = Date.parse(operation.finishedAt) - Date.parse(operation.startedAt);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatTimeLeft(ms);
}

/**
 * What was done to an environment, newest first: who asked for it, when, how it ended,
 * how long it took, and the error or the next attempt when it did not succeed.
 */
export const OperationsTable = (props: {
  environmentName: string;
  operations: Operation[];
}) => {
  const { operations } = props;
  const classes = useStyles();
  const links = useEnvironmentLinks();
  const now = useNow();

  return (
    <Table size="small" aria-label={`Operations of ${props.environmentName}`}>
      <TableHead>
        <TableRow>
          <TableCell>Operation</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Requested</TableCell>
          <TableCell>Took</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {operations.map(operation => {
          return (
            <TableRow key={operation.id}>
              <TableCell>
                {WHAT[operation.type]}
                {operation.resourceId && ' of one resource'}
              </TableCell>
              <TableCell>
                {STATE[operation.state]}
                {operation.attempts > 1 && `, ${operation.attempts} attempts`}
              </TableCell>
              <TableCell>
                <span title={formatDateTime(operation.createdAt)}>
                  {formatTimeAgo(operation.createdAt, now)}
                </span>{' '}
                by{' '}
                <EntityRefLink
                  entityRef={operation.requestedBy}
                  defaultKind="user"
                />
              </TableCell>
              <TableCell>{duration(operation) ?? '—'}</TableCell>
              <TableCell className={classes.details}>
                {operation.error && (
                  <Typography variant="body2" component="span">
                    {operation.error}
                  </Typography>
                )}
                {operation.nextAttemptAt && operation.state !== 'succeeded' && (
                  <Typography
                    variant="body2"
                    component="span"
                    color="textSecondary"
                  >
                    {' '}
                    Next attempt {formatDateTime(operation.nextAttemptAt)}.
                  </Typography>
                )}
                {operation.scaffolderTaskId && (
                  <>
                    {' '}
                    <Link to={links.task(operation.scaffolderTaskId)}>
                      Template run
                    </Link>
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
