import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';
import { useNow } from '../../hooks/useNow';
import { EXPIRING_SOON_MS, timeLeft } from '../../lib/expiry';
import { formatDateTime, formatTimeLeft } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  line: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  soon: { color: theme.palette.warning.main },
}));

/**
 * The countdown of an ephemeral environment; close to the end it says so. `compact`
 * is the time alone, for a table column already headed "Expires".
 */
export const TimeLeft = (props: { expiresAt: string; compact?: boolean }) => {
  const classes = useStyles();
  const left = timeLeft(props.expiresAt, useNow()) ?? 0;
  const soon = left < EXPIRING_SOON_MS;

  let text = `Expires in ${formatTimeLeft(left)}`;
  if (left <= 0) {
    text = props.compact ? 'expired' : 'Expired: it is being destroyed';
  } else if (props.compact) {
    text = `in ${formatTimeLeft(left)}`;
  } else if (soon) {
    text += ': extend it if you still need it';
  }
  return (
    <div className={classes.line}>
      {soon ? (
        <WarningIcon fontSize="small" className={classes.soon} aria-hidden />
      ) : (
        <ScheduleIcon fontSize="small" color="action" aria-hidden />
      )}
      <Typography
        variant="body2"
        component="span"
        title={formatDateTime(props.expiresAt)}
      >
        {text}
      </Typography>
    </div>
  );
};
