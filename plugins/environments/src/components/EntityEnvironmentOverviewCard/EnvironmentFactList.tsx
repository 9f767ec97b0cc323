import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
  },
  term: {
    ...theme.typography.overline,
    color: theme.palette.text.secondary,
    lineHeight: 1.5,
  },
  value: { margin: 0, overflowWrap: 'anywhere' },
}));

/** Label and value pairs in a grid, as the catalog's About card lays them out. */
export const EnvironmentFactList = (props: {
  facts: Array<{ label: string; value: ReactNode }>;
}) => {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.facts.map(fact => (
        <div key={fact.label}>
          <dt className={classes.term}>{fact.label}</dt>
          <Typography component="dd" variant="body2" className={classes.value}>
            {fact.value}
          </Typography>
        </div>
      ))}
    </dl>
  );
};
