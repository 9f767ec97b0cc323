import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircle';
import WarningIcon from '@material-ui/icons/Warning';
import {
  EnvironmentStatus,
  ResourceStatus,
} from '@paved/plugin-environments-common';

const useStyles = makeStyles(theme => ({
  ok: { color: theme.palette.success.main },
  warning: { color: theme.palette.warning.main },
  error: { color: theme.palette.error.main },
  idle: { color: theme.palette.text.secondary },
  progress: { color: theme.palette.info.main },
}));

/**
 * The icon of an environment's or a resource's status. Decorative: the status is
 * always written next to it, so the color is never the only signal.
 */
export const StatusIcon = (props: {
  status: EnvironmentStatus | ResourceStatus;
}) => {
  const classes = useStyles();
  const common = { fontSize: 'small', 'aria-hidden': true } as const;
  switch (props.status) {
    case 'ready':
      return <CheckCircleIcon {...common} className={classes.ok} />;
    case 'degraded':
      return <WarningIcon {...common} className={classes.warning} />;
    case 'failed':
      return <ErrorIcon {...common} className={classes.error} />;
    case 'destroyed':
      return <RemoveCircleIcon {...common} className={classes.idle} />;
    default:
      // provisioning, destroying, pending: something is happening or about to
      return (
        <CircularProgress
          size={14}
          thickness={5}
          className={classes.progress}
          aria-hidden
        />
      );
  }
};
