import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';
import { FindingSeverity } from '@paved/plugin-environments-common';

const useStyles = makeStyles(theme => ({
  blocking: { color: theme.palette.error.main },
  high: { color: theme.palette.warning.main },
  low: { color: theme.palette.info.main },
}));

/**
 * The icon of a finding's severity. Decorative: the severity is always written next
 * to it, so the color is never the only signal.
 */
export const SeverityIcon = (props: { severity: FindingSeverity }) => {
  const classes = useStyles();
  const common = {
    fontSize: 'small',
    'aria-hidden': true,
    className: classes[props.severity],
  } as const;
  switch (props.severity) {
    case 'blocking':
      return <ErrorIcon {...common} />;
    case 'high':
      return <WarningIcon {...common} />;
    default:
      return <InfoIcon {...common} />;
  }
};
