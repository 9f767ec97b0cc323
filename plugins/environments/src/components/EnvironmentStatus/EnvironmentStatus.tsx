import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { Environment } from '@paved/plugin-environments-common';
import { describeOperation } from '../../lib/describeOperation';
import { guidelinePages } from '../../lib/guidelines';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { StatusIcon } from './StatusIcon';

const LABELS: Record<Environment['status'], string> = {
  'awaiting-approval': 'Awaiting approval',
  provisioning: 'Provisioning',
  ready: 'Ready',
  degraded: 'Degraded',
  failed: 'Failed',
  destroying: 'Destroying',
  destroyed: 'Destroyed',
};

/** `Destroying: running` under the label `Destroying` reads better as `(running)`. */
function withoutLabel(text: string, label: string): string {
  return text.startsWith(`${label}: `)
    ? `(${text.slice(label.length + 2)})`
    : text;
}

const useStyles = makeStyles(theme => ({
  line: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  reason: { overflowWrap: 'anywhere' },
}));

/**
 * An environment's status and why: the running operation while it provisions, the
 * error when it failed (with `action`, the retry, beside it), the reason otherwise.
 * A polite live region, so a screen reader hears "Ready" when provisioning ends.
 */
export const EnvironmentStatus = (props: {
  environment: Environment;
  action?: ReactNode;
  /**
   * Leave out why it is degraded when the baseline line beside it already says which
   * findings are open (the only thing that degrades an environment).
   */
  omitFindingsReason?: boolean;
}) => {
  const { environment, action, omitFindingsReason } = props;
  const classes = useStyles();
  const links = useEnvironmentLinks();
  const operation = environment.activeOperation;
  const findingsSaidElsewhere =
    omitFindingsReason &&
    environment.status === 'degraded' &&
    (environment.openFindings ?? 0) > 0;
  let reason = environment.statusReason;
  if (environment.status === 'failed') {
    reason = environment.statusReason ?? operation?.error;
  } else if (findingsSaidElsewhere) {
    reason = undefined;
  }
  const retrying = reason?.startsWith('Retrying:');

  return (
    <Box aria-live="polite">
      <div className={classes.line}>
        <StatusIcon status={environment.status} />
        <Typography variant="body2" component="span">
          <strong>{LABELS[environment.status]}</strong>
        </Typography>
        {operation && environment.status !== 'failed' && (
          <Typography variant="body2" component="span" color="textSecondary">
            {withoutLabel(
              describeOperation(operation, environment.resources),
              LABELS[environment.status],
            )}
          </Typography>
        )}
      </div>
      {reason && (
        <Typography
          variant="body2"
          // The error in the body color: red text is hard to read on a dark theme,
          // and the icon and label already say it failed.
          color={
            environment.status === 'failed' ? 'textPrimary' : 'textSecondary'
          }
          className={classes.reason}
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
