import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CopyTextButton, Link } from '@backstage/core-components';
import { EnvironmentResource } from '@paved/plugin-environments-common';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: theme.spacing(2),
    alignItems: 'center',
    margin: 0,
  },
  // dl > div is valid HTML; display: contents lets each pair sit in the grid's rows.
  pair: { display: 'contents' },
  value: {
    display: 'flex',
    alignItems: 'center',
    margin: 0,
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
    // The copy icons at text size keep the list compact.
    '& svg': { fontSize: '1rem' },
  },
}));

/**
 * Outputs in the words shown: `appliedState` reads "applied state", and an `<key>Url`
 * beside `<key>` (a gitops namespace's `commit` and `commitUrl`) is not a row of its own
 * but the link of `<key>`'s value. Providers name outputs; the card names no provider.
 */
function rows(outputs: EnvironmentResource['outputs']) {
  const links = new Map<string, string>();
  for (const [key, value] of Object.entries(outputs)) {
    const base = key.endsWith('Url') ? key.slice(0, -'Url'.length) : '';
    if (base && base in outputs && /^https?:\/\//.test(String(value))) {
      links.set(base, String(value));
    }
  }
  return Object.entries(outputs)
    .filter(([key]) => !(key.endsWith('Url') && links.has(key.slice(0, -3))))
    .map(([key, value]) => ({
      key,
      label: key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase(),
      value: String(value),
      link: links.get(key),
    }));
}

/** A resource's non-secret outputs (host, port, database, user), each with a copy button. */
export const ResourceOutputs = (props: { resource: EnvironmentResource }) => {
  const classes = useStyles();
  const entries = rows(props.resource.outputs);
  if (entries.length === 0) {
    return null;
  }
  return (
    <dl className={classes.list}>
      {entries.map(({ key, label, value, link }) => (
        <div key={key} className={classes.pair}>
          <Typography variant="body2" component="dt" color="textSecondary">
            {label}
          </Typography>
          <Typography variant="body2" component="dd" className={classes.value}>
            {link ? <Link to={link}>{value}</Link> : <span>{value}</span>}
            <CopyTextButton
              // Quiet: one per output, the values are what the eye is after.
              variant="tertiary"
              text={value}
              aria-label={`Copy ${label} of ${props.resource.name}`}
            />
          </Typography>
        </div>
      ))}
    </dl>
  );
};
