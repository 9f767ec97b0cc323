import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import WarningIcon from '@material-ui/icons/Warning';
import { Environment } from '@paved/plugin-environments-common';
import {
  describeOpenCount,
  describeSeverities,
  highestSeverity,
  isCheckedAgainstBaseline,
} from '../../lib/findings';
import { FindingsButton } from '../FindingsButton';
import { SeverityIcon } from '../FindingsList';

const useStyles = makeStyles(theme => ({
  // A line of the card that happens to be clickable, not a call to action.
  button: {
    alignSelf: 'flex-start',
    textTransform: 'none',
    padding: theme.spacing(0, 0.5),
    marginLeft: theme.spacing(-0.5),
  },
  conformant: { color: theme.palette.success.main },
  unknown: { color: theme.palette.warning.main },
}));

/**
 * Whether the environment meets its class's baseline: "conformant", or how many
 * findings are open and how serious they are; then how many an approved exception
 * accepts, which the open count leaves out. Opens the findings dialog.
 *
 * The environment carries its open findings' count by severity, so the line costs no
 * request; the findings themselves load when the dialog opens.
 */
export const BaselineConformance = (props: { environment: Environment }) => {
  const { environment } = props;
  const classes = useStyles();
  const openCount = environment.openFindings ?? 0;
  const acceptedCount = environment.acceptedFindings ?? 0;

  if (openCount === 0 && !isCheckedAgainstBaseline(environment)) {
    // Not live yet or any more: nothing is checked, so there is nothing to say.
    return null;
  }

  const counts = environment.openFindingsBySeverity ?? {};
  const highest = highestSeverity(counts);
  let summary = 'conformant';
  let icon = (
    <CheckCircleIcon
      fontSize="small"
      className={classes.conformant}
      aria-hidden
    />
  );
  if (openCount > 0) {
    summary = describeOpenCount(openCount);
    const severities = describeSeverities(counts);
    if (severities) summary += ` (${severities})`;
    icon = highest ? (
      <SeverityIcon severity={highest} />
    ) : (
      <WarningIcon fontSize="small" className={classes.unknown} aria-hidden />
    );
  }
  if (acceptedCount > 0) summary += `, ${acceptedCount} accepted`;

  return (
    <FindingsButton
      environment={environment}
      summary={summary}
      className={classes.button}
      startIcon={icon}
    >
      Baseline: {summary}
    </FindingsButton>
  );
};
