import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ApprovalRequest } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useNow } from '../../hooks/useNow';
import { formatDateTime, formatTimeAgo } from '../../lib/format';
import { describeRequest } from './describeRequest';

/**
 * A request that waits: who must decide and since when, why it waits, and, for the one
 * who asked, the button that withdraws it (nothing is provisioned then).
 */
export const PendingRequest = (props: {
  request: ApprovalRequest;
  signedInUser?: string;
  onWithdrawn: () => void;
}) => {
  const { request, signedInUser, onWithdrawn } = props;
  const api = useApi(environmentsApiRef);
  const now = useNow();
  const [state, withdraw] = useAsyncFn(async () => {
    await api.withdrawRequest(request.id);
    onWithdrawn();
  }, [api, request.id, onWithdrawn]);
  const mine = signedInUser === request.requestedBy;

  return (
    <Box role="status" aria-label={`Request for ${request.environmentName}`}>
      <Typography variant="body2">
        {describeRequest(request)} waits for approval by{' '}
        <EntityRefLink entityRef={request.approvers} defaultKind="group" />,{' '}
        <span title={formatDateTime(request.createdAt)}>
          asked {formatTimeAgo(request.createdAt, now)}
        </span>{' '}
        by{' '}
        {mine ? (
          'you'
        ) : (
          <EntityRefLink entityRef={request.requestedBy} defaultKind="user" />
        )}
        .
      </Typography>
      {request.reasons.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Why: {request.reasons.join('; ')}
        </Typography>
      )}
      {mine && (
        <Box mt={0.5}>
          <Button
            size="small"
            variant="outlined"
            onClick={withdraw}
            disabled={state.loading}
            aria-label={`Withdraw the request for ${request.environmentName}`}
          >
            Withdraw request
          </Button>
        </Box>
      )}
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          Could not withdraw the request: {state.error.message}
        </Typography>
      )}
    </Box>
  );
};
