import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { Environment, Goal, TIERS } from '@paved/plugin-environments-common';
import { useEnvironmentsPageLink } from '../../hooks/useEnvironmentsPageLink';
import { formatMonthlyCost } from '../../lib/format';
import { describeScope, formatGoalValue } from '../../lib/formatGoal';
import { TierChip } from '../TierChip';

const useStyles = makeStyles(theme => ({
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: theme.spacing(2),
  },
  label: { color: theme.palette.text.secondary, lineHeight: 1.5 },
  tiers: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  tier: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The money the environments cost, per currency (one, in every portal Paved knows). */
function totalCost(environments: Environment[]) {
  const totals = new Map<string, number>();
  for (const { estimatedMonthlyCost: cost } of environments) {
    totals.set(cost.currency, (totals.get(cost.currency) ?? 0) + cost.amount);
  }
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}

/**
 * A team's environments at a glance: how many of each tier, open findings and what they
 * cost, each count a link to the Environments page filtered to them; and, when one of
 * its goals is a budget, where it stands against it.
 */
export const TeamEnvironmentCounts = (props: {
  owner: string;
  environments: Environment[];
  budgets: Goal[];
}) => {
  const { owner, environments, budgets } = props;
  const classes = useStyles();
  const page = useEnvironmentsPageLink();
  const findings = environments.reduce((n, e) => n + (e.openFindings ?? 0), 0);

  const budgetLines = budgets.map(goal => (
    <Typography variant="body2" key={goal.id}>
      {/* The goal itself is listed below; this says what it measures. */}
      Budget: {formatGoalValue(goal.value, goal)} of{' '}
      {formatGoalValue(goal.target.value, goal)} a month for{' '}
      {describeScope(goal.scope)}
    </Typography>
  ));
  if (environments.length === 0) {
    return (
      <div>
        <Typography variant="body2">
          The team owns no environment yet.
        </Typography>
        {budgetLines}
      </div>
    );
  }
  const column = (label: string, content: ReactNode) => (
    <div>
      <Typography variant="overline" component="h4" className={classes.label}>
        {label}
      </Typography>
      {content}
    </div>
  );
  return (
    <div className={classes.columns}>
      {column(
        'Environments',
        <>
          <Typography variant="body2">
            <Link to={page.environments({ owner })}>
              {plural(environments.length, 'environment')}
            </Link>
          </Typography>
          <ul className={classes.tiers} aria-label="Environments by tier">
            {TIERS.map(tier => {
              const count = environments.filter(e => e.tier === tier).length;
              if (count === 0) return null;
              return (
                <li key={tier} className={classes.tier}>
                  <TierChip tier={tier} />
                  <Link
                    to={page.environments({ owner, tier })}
                    aria-label={`${plural(count, `${tier} environment`)}`}
                  >
                    {count}
                  </Link>
                </li>
              );
            })}
          </ul>
        </>,
      )}
      {column(
        'Baseline findings',
        <Typography variant="body2">
          {findings === 0 ? (
            'None open'
          ) : (
            <Link to={page.environments({ owner, findings: 'open' })}>
              {plural(findings, 'open baseline finding')}
            </Link>
          )}
        </Typography>,
      )}
      {column(
        'Cost',
        <>
          <Typography variant="body2">
            {totalCost(environments).map(formatMonthlyCost).join(' + ')}{' '}
            estimated
          </Typography>
          {budgetLines}
        </>,
      )}
    </div>
  );
};
