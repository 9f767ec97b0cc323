import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { useNow } from '../../hooks/useNow';
import { formatDateTime, formatTimeAgo } from '../../lib/format';
import { describeRequest, recentlyRefused } from './describeRequest';

/** Rejected and expired requests of the last week, each with who said no and why. */
export const RefusedRequests = (props: { requests: ApprovalRequest[] }) => {
  const now = useNow();
  const refused = recentlyRefused(props.requests, now);
  if (refused.length === 0) return null;
  return (
    <Box mt={2} display="flex" flexDirection="column" style={{ gap: 8 }}>
      {refused.map(r => (
        <Alert
          key={r.id}
          severity={r.state === 'rejected' ? 'warning' : 'info'}
          aria-label={`${describeRequest(r)} was ${r.state}`}
        >
          <Typography variant="body2">
            {describeRequest(r)} was{' '}
            {r.state === 'rejected' ? (
              <>
                rejected by{' '}
                <EntityRefLink entityRef={r.decidedBy!} defaultKind="user" />
              </>
            ) : (
              'not decided in time and expired'
            )}{' '}
            <span title={formatDateTime(r.decidedAt!)}>
              {formatTimeAgo(r.decidedAt!, now)}
            </span>
            {r.comment ? `: ${r.comment}` : '.'}
          </Typography>
        </Alert>
      ))}
    </Box>
  );
};
