import { useId, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { FindingsState } from '../../hooks/useFindings';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { isOpen } from '../../lib/findings';
import { guidelinePages } from '../../lib/guidelines';
import { FindingsList } from '../FindingsList';

/**
 * An environment's baseline findings: the open ones, and on demand the resolved ones,
 * which explain a past degraded status. Presentational about loading: the caller owns
 * the `useFindings` state, so a card that already loaded them does not load twice.
 * @public
 */
export const FindingsDialog = (props: {
  environmentName: string;
  state: FindingsState;
  onClose: () => void;
}) => {
  const { environmentName, state, onClose } = props;
  const links = useEnvironmentLinks();
  const [showResolved, setShowResolved] = useState(false);
  const titleId = useId();
  const open = state.findings?.filter(isOpen) ?? [];
  const resolved = state.findings?.filter(f => !isOpen(f)) ?? [];

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        Baseline findings of {environmentName}
      </DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2">
          A baseline is the set of configuration rules every environment of a
          class must meet. A finding is a rule that a live resource breaks, for
          example because a setting was changed on the server directly. It is
          resolved once the rule is met again.{' '}
          <Link to={links.guideline(guidelinePages.baselines)}>
            What a baseline is
          </Link>
        </DialogContentText>
        {state.loading && <LinearProgress aria-label="Loading findings" />}
        {state.error && (
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={state.retry}>
                Try again
              </Button>
            }
          >
            Could not load the findings: {state.error.message}
          </Alert>
        )}
        {state.findings && (
          <>
            <Typography variant="subtitle2" component="h3">
              Open ({open.length})
            </Typography>
            {open.length > 0 ? (
              <FindingsList findings={open} aria-label="Open findings" />
            ) : (
              <Typography variant="body2" paragraph>
                None: {environmentName} meets its baseline.
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
              <FindingsList
                findings={resolved}
                aria-label="Resolved findings"
              />
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
