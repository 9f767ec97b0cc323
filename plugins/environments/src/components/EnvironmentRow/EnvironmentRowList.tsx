import { ReactNode, createContext, useContext } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import useMeasure from 'react-use/esm/useMeasure';

/**
 * Below this width the columns no longer fit side by side (a narrow window, or the card
 * beside others on a wide one), and each line wraps instead.
 */
const NARROW_PX = 660;

const NarrowContext = createContext(false);

/** Whether the list is too narrow for columns, so its rows wrap. */
export const useNarrowRows = () => useContext(NarrowContext);

const useStyles = makeStyles({
  // The columns every EnvironmentRow shares: disclosure button, name, chips, status,
  // expiry, cost, findings. Each is as wide as its widest cell, so they read like a
  // table; the last takes what is left.
  grid: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(6rem, max-content) repeat(4, auto) 1fr',
  },
});

/** The rows of the environments card, in one grid so their cells line up. */
export const EnvironmentRowList = (props: { children: ReactNode }) => {
  const classes = useStyles();
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  // Not measured (no ResizeObserver, or not laid out yet): columns, the common case.
  const narrow = width > 0 && width < NARROW_PX;
  return (
    <NarrowContext.Provider value={narrow}>
      <div ref={ref} className={narrow ? undefined : classes.grid}>
        {props.children}
      </div>
    </NarrowContext.Provider>
  );
};
