import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { describeOperation } from '../../lib/describeOperation';
import { guidelinePages } from '../../lib/guidelines';

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
  const links = useEnvironmentLinks();
  const failed = environment.status === 'failed';
  const operation = failed ? undefined : environment.activeOperation;
  let reason = environment.statusReason;
  if (failed) {
    reason = environment.statusReason ?? environment.activeOperation?.error;
  } else if (
    environment.status === 'degraded' &&
    (environment.openFindings ?? 0) > 0
  ) {
    reason = undefined;
  }
  if (!operation && !reason && !action) {
    return null;
  }
  const retrying = reason?.startsWith('Retrying:');

  return (
    <Box aria-live="polite">
      {operation && (
        <Typography variant="body2" color="textSecondary">
          {describeOperation(operation, environment.resources)}
        </Typography>
      )}
      {reason && (
        <Typography
          variant="body2"
          // The error in the body color: red text is hard to read on a dark theme, and
          // the status on the line above already says it failed.
          color={failed ? 'textPrimary' : 'textSecondary'}
          style={{ overflowWrap: 'anywhere' }}
        >
          {reason}{' '}
          <Link
            to={links.guideline(
              retrying
                ? guidelinePages.retries
                : guidelinePages.status(environment.status),
            )}
          >
            What this means
          </Link>
        </Typography>
      )}
      {action}
    </Box>
  );
};
