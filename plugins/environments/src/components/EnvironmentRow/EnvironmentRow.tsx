import { MouseEvent, ReactNode, useRef } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useNarrowRows } from './EnvironmentRowList';

const useStyles = makeStyles(theme => ({
  row: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(0.75, 0),
    '&:first-child': { borderTop: 'none' },
  },
  // One row of the list's grid (see EnvironmentRowList): its cells line up with the
  // other rows' cells, so tiers, statuses and costs read down a column.
  columns: {
    display: 'grid',
    gridColumn: '1 / -1',
    gridTemplateColumns: 'subgrid',
    columnGap: theme.spacing(1.25),
    alignItems: 'center',
  },
  // Too narrow for the columns: the cells follow one another and wrap, under the name
  // rather than under the disclosure button.
  wrapped: {
    paddingLeft: theme.spacing(5),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.5),
  },
  summary: { display: 'contents' },
  // Only a closed row invites a click anywhere; an open one holds links and buttons.
  collapsed: {
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  expandIcon: { transition: theme.transitions.create('transform') },
  expanded: { transform: 'rotate(180deg)' },
  // Keeps the names of rows that cannot expand in line with those that can.
  toggleSpace: { width: 26 },
  wrappedToggle: { marginLeft: theme.spacing(-5) },
  // Long names wrap rather than push the status, cost and findings onto two lines.
  name: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    maxWidth: '9rem',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  // With no cells (a declared environment) the chips may take the rest of the line.
  wideChips: { gridColumn: '3 / -1' },
  heading: { overflowWrap: 'anywhere', fontWeight: 500 },
  details: {
    gridColumn: '2 / -1',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0, 1.5),
  },
  wrappedDetails: { width: '100%' },
}));

/** Clicks on the row's own links and buttons, or in a dialog it opened, are theirs. */
function isRowClick(
  event: MouseEvent<HTMLElement>,
  toggle: HTMLElement | null,
) {
  const target = event.target as HTMLElement;
  if (!event.currentTarget.contains(target)) return false;
  const control = target.closest('a, button, input, [role="button"]');
  if (control && control !== toggle) return false;
  // Selecting a name or a cost to copy it is not asking for the details.
  return !window.getSelection()?.toString();
}

/**
 * One environment on the card, in a line: an article named by its heading (so assistive
 * technology and tests find it by the environment's name), the chips beside the name,
 * `cells` for the rest of the line, and `children` below it. With `onToggle` the line
 * is a disclosure: its button (or a click anywhere on it) shows the children, and
 * they are rendered only then; without it the children always show.
 */
export const EnvironmentRow = (props: {
  headingId: string;
  name: string;
  chips: ReactNode;
  /** Under the name, e.g. the component it belongs to on a system's page. */
  subtitle?: ReactNode;
  cells?: ReactNode;
  expanded?: boolean;
  onToggle?: () => void;
  children?: ReactNode;
}) => {
  const { headingId, name, onToggle } = props;
  const classes = useStyles();
  const narrow = useNarrowRows();
  const toggle = useRef<HTMLButtonElement>(null);
  const detailsId = `${headingId}-details`;
  const showChildren = !onToggle || props.expanded;

  return (
    <article
      aria-labelledby={headingId}
      className={[
        classes.row,
        narrow ? classes.wrapped : classes.columns,
        onToggle && !props.expanded && classes.collapsed,
      ]
        .filter(Boolean)
        .join(' ')}
    >
      {/* A larger target for the mouse only: the disclosure button is the control for
          the keyboard and for assistive technology. */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div
        className={classes.summary}
        onClick={
          onToggle &&
          (event => {
            if (isRowClick(event, toggle.current)) onToggle();
          })
        }
      >
        {onToggle ? (
          <IconButton
            ref={toggle}
            size="small"
            className={narrow ? classes.wrappedToggle : undefined}
            aria-expanded={!!props.expanded}
            aria-controls={detailsId}
            aria-label={`Details of ${name}`}
          >
            <ExpandMoreIcon
              fontSize="small"
              className={
                props.expanded
                  ? `${classes.expandIcon} ${classes.expanded}`
                  : classes.expandIcon
              }
            />
          </IconButton>
        ) : (
          <span
            className={
              narrow
                ? `${classes.toggleSpace} ${classes.wrappedToggle}`
                : classes.toggleSpace
            }
          />
        )}
        <div className={classes.name}>
          <Typography
            variant="body1"
            component="h3"
            id={headingId}
            className={classes.heading}
          >
            {name}
          </Typography>
          {props.subtitle}
        </div>
        <div
          className={
            props.cells
              ? classes.chips
              : `${classes.chips} ${classes.wideChips}`
          }
        >
          {props.chips}
        </div>
        {props.cells}
      </div>
      {showChildren && props.children && (
        <div
          id={detailsId}
          className={
            narrow
              ? `${classes.details} ${classes.wrappedDetails}`
              : classes.details
          }
        >
          {props.children}
        </div>
      )}
    </article>
  );
};
