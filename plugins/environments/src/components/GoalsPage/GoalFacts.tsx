import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Goal } from '@paved/plugin-environments-common';
import { formatDate } from '../../lib/format';
import { describeTarget, formatGoalValue } from '../../lib/formatGoal';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(110px, auto))',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  label: { color: theme.palette.text.secondary, fontSize: '0.75rem' },
  value: { margin: 0 },
  now: { fontSize: '1.5rem', lineHeight: 1.2, fontWeight: 500 },
}));

/** Now, target, due date and owner of a goal, label over value. */
export const GoalFacts = (props: { goal: Goal }) => {
  const { goal } = props;
  const classes = useStyles();
  const fact = (label: string, value: JSX.Element | string, big = false) => (
    <div>
      <Typography component="dt" className={classes.label}>
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        className={`${classes.value} ${big ? classes.now : ''}`}
      >
        {value}
      </Typography>
    </div>
  );
  return (
    <dl className={classes.facts}>
      {fact('Now', formatGoalValue(goal.value, goal), true)}
      {fact('Target', describeTarget(goal))}
      {fact('Due', formatDate(goal.due))}
      {fact(
        'Owner',
        <EntityRefLink entityRef={goal.owner} defaultKind="group" />,
      )}
    </dl>
  );
};
