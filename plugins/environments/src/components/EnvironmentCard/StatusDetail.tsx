import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Environment } from '@paved/plugin-environments-common';
import { describeOperation } from '../../lib/describeOperation';
import { StatusReason, statusReason } from '../EnvironmentStatus';

/**
 * What the status on the line above does not say: the running operation, why it failed
 * or is degraded (with a link to what that means), and `action`, the retry. Why it is
 * degraded is left out when the baseline line lists the open findings, the only thing
 * that degrades an environment. Nothing when there is nothing to add.
 */
export const StatusDetail = (props: {
  environment: Environment;
  action?: ReactNode;
}) => {
  const { environment, action } = props;
  const failed = environment.status === 'failed';
  const operation = failed ? undefined : environment.activeOperation;
  const reason = statusReason(environment, { omitFindingsReason: true });
  if (!operation && !reason && !action) {
    return null;
  }

  return (
    <Box aria-live="polite">
      {operation && (
        <Typography variant="body2" color="textSecondary">
          {describeOperation(operation, environment.resources)}
        </Typography>
      )}
      {reason && <StatusReason environment={environment} reason={reason} />}
      {action}
    </Box>
  );
};
