import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';
import { Environment } from '@paved/plugin-environments-common';
import { useNow } from '../../hooks/useNow';
import { EXPIRING_SOON_MS, timeLeft } from '../../lib/expiry';
import {
  describeOpenCount,
  describeSeverities,
  highestSeverity,
  isCheckedAgainstBaseline,
} from '../../lib/findings';
import {
  formatDateTime,
  formatMonthlyCost,
  formatTimeLeft,
} from '../../lib/format';
import { StatusIcon } from '../EnvironmentStatus';
import { SeverityIcon } from '../FindingsList';

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  ok: { color: theme.palette.success.main },
  soon: { color: theme.palette.warning.main },
}));

/** `awaiting-approval` reads "Awaiting approval", as the status line writes them. */
export function statusLabel(status: Environment['status']): string {
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const Cell = (props: {
  icon?: ReactNode;
  title?: string;
  muted?: boolean;
  live?: boolean;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <Typography
      variant="body2"
      component="div"
      className={classes.cell}
      title={props.title}
      color={props.muted ? 'textSecondary' : 'textPrimary'}
      // The status changes under the reader while something is in flight.
      aria-live={props.live ? 'polite' : undefined}
    >
      {props.icon}
      <span>{props.children}</span>
    </Typography>
  );
};

/** `19h 59m left`; the warning icon in the last two hours, as the class warns then. */
const ExpiryCell = (props: { expiresAt?: string }) => {
  const classes = useStyles();
  const left = timeLeft(props.expiresAt, useNow());
  if (props.expiresAt === undefined || left === undefined) {
    return <Cell muted>no expiry</Cell>;
  }
  const soon = left < EXPIRING_SOON_MS;
  return (
    <Cell
      title={`Expires ${formatDateTime(props.expiresAt)}`}
      icon={
        soon ? (
          <WarningIcon fontSize="small" className={classes.soon} aria-hidden />
        ) : (
          <ScheduleIcon fontSize="small" color="action" aria-hidden />
        )
      }
    >
      {left > 0 ? `${formatTimeLeft(left)} left` : 'expired'}
    </Cell>
  );
};

/** How many findings are open; nothing while the environment is not checked. */
const FindingsCell = (props: { environment: Environment }) => {
  const { environment } = props;
  const classes = useStyles();
  const open = environment.openFindings ?? 0;
  if (open === 0 && !isCheckedAgainstBaseline(environment)) {
    return <span />;
  }
  if (open === 0) {
    return (
      <Cell
        title="Baseline: conformant"
        icon={
          <CheckCircleIcon
            fontSize="small"
            className={classes.ok}
            aria-hidden
          />
        }
      >
        no findings
      </Cell>
    );
  }
  const counts = environment.openFindingsBySeverity ?? {};
  const highest = highestSeverity(counts);
  const severities = describeSeverities(counts);
  return (
    <Cell
      title={`Baseline: ${describeOpenCount(open)}${
        severities ? ` (${severities})` : ''
      }`}
      icon={
        highest ? (
          <SeverityIcon severity={highest} />
        ) : (
          <WarningIcon fontSize="small" className={classes.soon} aria-hidden />
        )
      }
    >
      {/* Resolved ones are never counted here, so "open" can go to save room. */}
      {`${open} finding${open === 1 ? '' : 's'}`}
    </Cell>
  );
};

/**
 * The rest of an environment's line after its name and tier: status, time left, cost,
 * and open baseline findings, each short enough to read down a column.
 */
export const SummaryCells = (props: { environment: Environment }) => {
  const { environment } = props;
  return (
    <>
      <Cell live icon={<StatusIcon status={environment.status} />}>
        {statusLabel(environment.status)}
      </Cell>
      <ExpiryCell expiresAt={environment.expiresAt} />
      <Cell title="Estimated monthly cost">
        {formatMonthlyCost(environment.estimatedMonthlyCost)}
      </Cell>
      <FindingsCell environment={environment} />
    </>
  );
};
