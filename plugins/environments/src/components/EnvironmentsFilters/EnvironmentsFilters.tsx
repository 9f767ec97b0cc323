import { ChangeEvent } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  ENVIRONMENT_STATUSES,
  Environment,
  TIERS,
} from '@paved/plugin-environments-common';
import { EnvironmentFilters } from '../../lib/filterEnvironments';

const HOUR = 60 * 60 * 1000;
const EXPIRING_CHOICES = [
  { label: 'Within 2 hours', ms: 2 * HOUR },
  { label: 'Within a day', ms: 24 * HOUR },
  { label: 'Within a week', ms: 7 * 24 * HOUR },
];
const ANY = '';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    marginBottom: theme.spacing(2),
  },
}));

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** One labelled select whose first choice is "Any". */
const FilterSelect = (props: {
  id: string;
  label: string;
  value: string;
  choices: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) => (
  <TextField
    select
    id={props.id}
    label={props.label}
    value={props.value}
    onChange={(event: ChangeEvent<HTMLInputElement>) =>
      props.onChange(event.target.value)
    }
    variant="outlined"
    size="small"
    // Show "Any" rather than an empty box under a floating label.
    SelectProps={{ displayEmpty: true }}
    InputLabelProps={{ shrink: true }}
  >
    <MenuItem value={ANY}>Any</MenuItem>
    {props.choices.map(choice => (
      <MenuItem key={choice.value} value={choice.value}>
        {choice.label}
      </MenuItem>
    ))}
  </TextField>
);

/**
 * Search and filters of the environments page. Owner and class choices come from
 * the environments listed, tiers and statuses from the model.
 */
export const EnvironmentsFilters = (props: {
  environments: Environment[];
  value: EnvironmentFilters;
  onChange: (value: EnvironmentFilters) => void;
}) => {
  const { environments, value, onChange } = props;
  const classes = useStyles();
  const set = (patch: Partial<EnvironmentFilters>) =>
    onChange({ ...value, ...patch });
  const asChoices = (values: readonly string[]) =>
    values.map(v => ({ value: v, label: v }));

  return (
    <div className={classes.bar} role="search">
      <TextField
        id="environments-search"
        label="Search"
        type="search"
        placeholder="Name, component, resource…"
        value={value.search}
        onChange={event => set({ search: event.target.value })}
        variant="outlined"
        size="small"
      />
      <FilterSelect
        id="environments-owner"
        label="Owner"
        value={value.owner ?? ANY}
        choices={asChoices(distinct(environments.map(e => e.owner)))}
        onChange={owner => set({ owner: owner || undefined })}
      />
      <FilterSelect
        id="environments-class"
        label="Class"
        value={value.class ?? ANY}
        choices={asChoices(distinct(environments.map(e => e.class)))}
        onChange={c => set({ class: c || undefined })}
      />
      <FilterSelect
        id="environments-tier"
        label="Tier"
        value={value.tier ?? ANY}
        choices={asChoices(TIERS)}
        onChange={tier =>
          set({ tier: (tier || undefined) as typeof value.tier })
        }
      />
      <FilterSelect
        id="environments-status"
        label="Status"
        value={value.status ?? ANY}
        // Destroyed environments are not listed, so not offered either.
        choices={asChoices(ENVIRONMENT_STATUSES.filter(s => s !== 'destroyed'))}
        onChange={status =>
          set({ status: (status || undefined) as typeof value.status })
        }
      />
      <FilterSelect
        id="environments-expiring"
        label="Expiring"
        value={
          value.expiringWithinMs === undefined
            ? ANY
            : String(value.expiringWithinMs)
        }
        choices={EXPIRING_CHOICES.map(c => ({
          value: String(c.ms),
          label: c.label,
        }))}
        onChange={ms => set({ expiringWithinMs: ms ? Number(ms) : undefined })}
      />
      <FilterSelect
        id="environments-findings"
        label="Baseline findings"
        value={
          value.hasFindings === undefined ? ANY : String(value.hasFindings)
        }
        choices={[
          { value: 'true', label: 'Some open' },
          { value: 'false', label: 'None open' },
        ]}
        onChange={has => set({ hasFindings: has ? has === 'true' : undefined })}
      />
    </div>
  );
};
