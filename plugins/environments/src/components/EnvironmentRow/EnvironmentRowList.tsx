import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // The columns every EnvironmentRow shares: disclosure button, name, chips, status,
  // expiry, cost, findings. Each is as wide as its widest cell, so they read like a
  // table; the last takes what is left.
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(6rem, max-content) repeat(4, auto) 1fr',
    [theme.breakpoints.down('xs')]: { display: 'block' },
  },
}));

/** The rows of the environments card, in one grid so their cells line up. */
export const EnvironmentRowList = (props: { children: ReactNode }) => {
  const classes = useStyles();
  return <div className={classes.list}>{props.children}</div>;
};
