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

/** The filters that match one word of the environment: its owner, class, tier or status. */
type WordFilter = 'owner' | 'class' | 'tier' | 'status';

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
  /** A filter whose choices are the words it matches; "Any" clears it. */
  const wordSelect = (
    key: WordFilter,
    label: string,
    words: readonly string[],
  ) => (
    <FilterSelect
      id={`environments-${key}`}
      label={label}
      value={value[key] ?? ANY}
      choices={words.map(word => ({ value: word, label: word }))}
      // Every choice is a value of that field, so the patch fits the filters.
      onChange={word =>
        set({ [key]: word || undefined } as Partial<EnvironmentFilters>)
      }
    />
  );

  // A link may start the page on an owner with no environment listed: still a choice.
  const choicesOf = (key: 'owner' | 'class') =>
    distinct([
      ...environments.map(e => e[key]),
      ...(value[key] ? [value[key]!] : []),
    ]);

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
      {wordSelect('owner', 'Owner', choicesOf('owner'))}
      {wordSelect('class', 'Class', choicesOf('class'))}
      {wordSelect('tier', 'Tier', TIERS)}
      {wordSelect(
        'status',
        'Status',
        // Destroyed environments are not listed, so not offered either.
        ENVIRONMENT_STATUSES.filter(s => s !== 'destroyed'),
      )}
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
