import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { Finding } from '@paved/plugin-environments-common';
import { FindingItem } from './FindingItem';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/**
 * Baseline findings, in the order given (the API's is newest first). Presentational:
 * the caller loads them and says what an empty list means. `showEnvironment` names
 * each finding's environment, for a list that spans several; `renderAction` adds what
 * may be done about a finding under it.
 * @public
 */
export const FindingsList = (props: {
  findings: Finding[];
  showEnvironment?: boolean;
  renderAction?: (finding: Finding) => ReactNode;
  /** The list's accessible name, e.g. "Open findings". */
  'aria-label'?: string;
}) => {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label={props['aria-label']}>
      {props.findings.map(finding => (
        <FindingItem
          key={finding.id}
          finding={finding}
          showEnvironment={props.showEnvironment}
          action={props.renderAction?.(finding)}
        />
      ))}
    </ul>
  );
};
