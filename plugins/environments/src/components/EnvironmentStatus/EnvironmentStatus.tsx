import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Environment } from '@paved/plugin-environments-common';
import { describeOperation } from '../../lib/describeOperation';
import { StatusIcon } from './StatusIcon';
import { StatusReason, statusReason } from './StatusReason';

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
  const operation = environment.activeOperation;
  const reason = statusReason(environment, { omitFindingsReason });

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
      {reason && <StatusReason environment={environment} reason={reason} />}
      {action}
    </Box>
  );
};
