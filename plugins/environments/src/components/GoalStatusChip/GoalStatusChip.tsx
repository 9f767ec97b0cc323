import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { GoalStatus } from '@paved/plugin-environments-common';
import { GOAL_STATUS_LABELS } from '../../lib/formatGoal';

const useStyles = makeStyles(theme => ({
  good: {
    color: theme.palette.success.dark,
    borderColor: theme.palette.success.main,
  },
  bad: {
    color: theme.palette.error.dark,
    borderColor: theme.palette.error.main,
  },
  none: {},
  goodIcon: { color: theme.palette.success.main },
  badIcon: { color: theme.palette.error.main },
  noneIcon: {},
}));

const ICONS = {
  reached: CheckCircleIcon,
  'on-track': TrendingUpIcon,
  behind: TrendingDownIcon,
  missed: ErrorIcon,
  'no-data': HelpOutlineIcon,
} as const;

/** Where a goal stands, in words with an icon: readable without its colour. */
export const GoalStatusChip = (props: { status: GoalStatus }) => {
  const { status } = props;
  const classes = useStyles();
  let tone: 'good' | 'bad' | 'none' = 'none';
  if (status === 'reached' || status === 'on-track') tone = 'good';
  else if (status === 'behind' || status === 'missed') tone = 'bad';
  const Icon = ICONS[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[tone]}
      icon={<Icon className={classes[`${tone}Icon`]} aria-hidden />}
      label={GOAL_STATUS_LABELS[status]}
    />
  );
};
