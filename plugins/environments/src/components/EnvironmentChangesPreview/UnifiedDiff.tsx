import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  diff: {
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 400,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    lineHeight: 1.4,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  line: { display: 'block', whiteSpace: 'pre' },
  added: {
    color: theme.palette.success.dark,
    backgroundColor: `${theme.palette.success.main}1f`,
  },
  removed: {
    color: theme.palette.error.dark,
    backgroundColor: `${theme.palette.error.main}1f`,
  },
  hunk: { color: theme.palette.info.dark },
  header: { color: theme.palette.text.secondary, fontWeight: 'bold' },
}));

/** Which kind of line of a unified diff it is, for its colour. */
export function lineKind(
  line: string,
): 'header' | 'hunk' | 'added' | 'removed' | 'context' {
  if (
    line.startsWith('+++ ') ||
    line.startsWith('--- ') ||
    line.startsWith('===')
  ) {
    return 'header';
  }
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

/** A unified diff, monospace, its added lines green and removed ones red. */
export const UnifiedDiff = (props: { diff: string; label: string }) => {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    <pre className={classes.diff} aria-label={props.label}>
      {lines.map((line, index) => {
        const kind = lineKind(line);
        return (
          <span
            // Lines repeat; their place is what tells them apart.
            key={index}
            data-kind={kind}
            className={`${classes.line} ${
              kind === 'context' ? '' : classes[kind]
            }`}
          >
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
};
