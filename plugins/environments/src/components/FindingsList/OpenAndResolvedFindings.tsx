import { ReactNode, useState } from 'react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { Finding } from '@paved/plugin-environments-common';
import { isOpen } from '../../lib/findings';
import { FindingsList } from './FindingsList';

/**
 * An environment's findings as the dialog and the entity page show them: the open
 * ones (or `none` when there are none), and the resolved ones behind a switch, since
 * they explain a past degraded status.
 */
export const OpenAndResolvedFindings = (props: {
  findings: Finding[];
  /** What to say when nothing is open. */
  none: ReactNode;
  /** What may be done about an open finding, under it. */
  renderAction?: (finding: Finding) => ReactNode;
}) => {
  const [showResolved, setShowResolved] = useState(false);
  const open = props.findings.filter(isOpen);
  const resolved = props.findings.filter(f => !isOpen(f));
  return (
    <>
      {open.length > 0 ? (
        <FindingsList
          findings={open}
          aria-label="Open findings"
          renderAction={props.renderAction}
        />
      ) : (
        <Typography variant="body2" paragraph>
          {props.none}
        </Typography>
      )}
      <FormControlLabel
        control={
          <Switch
            checked={showResolved}
            onChange={event => setShowResolved(event.target.checked)}
            disabled={resolved.length === 0}
          />
        }
        label={`Show resolved findings (${resolved.length})`}
      />
      {showResolved && (
        <FindingsList findings={resolved} aria-label="Resolved findings" />
      )}
    </>
  );
};
