import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 32, height: 28, flexShrink: 0 },
  stone: { fill: '#7df3e1' },
});

/** Three offset paving stones: the road the platform lays for its developers. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 32 28"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="Paved"
    >
      <rect className={classes.stone} x="0" y="0" width="20" height="7" rx="1.5" />
      <rect className={classes.stone} x="6" y="10.5" width="20" height="7" rx="1.5" />
      <rect className={classes.stone} x="12" y="21" width="20" height="7" rx="1.5" />
    </svg>
  );
};
