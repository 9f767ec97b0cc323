import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CopyTextButton } from '@backstage/core-components';
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

/** A resource's non-secret outputs (host, port, database, user), each with a copy button. */
export const ResourceOutputs = (props: { resource: EnvironmentResource }) => {
  const classes = useStyles();
  const entries = Object.entries(props.resource.outputs);
  if (entries.length === 0) {
    return null;
  }
  return (
    <dl className={classes.list}>
      {entries.map(([key, value]) => (
        <div key={key} className={classes.pair}>
          <Typography variant="body2" component="dt" color="textSecondary">
            {key}
          </Typography>
          <Typography variant="body2" component="dd" className={classes.value}>
            <span>{String(value)}</span>
            <CopyTextButton
              // Quiet: one per output, the values are what the eye is after.
              variant="tertiary"
              text={String(value)}
              aria-label={`Copy ${key} of ${props.resource.name}`}
            />
          </Typography>
        </div>
      ))}
    </dl>
  );
};
