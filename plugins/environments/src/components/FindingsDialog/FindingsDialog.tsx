import { useId } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { useFindings } from '../../hooks/useFindings';
import { usePendingExceptions } from '../../hooks/usePendingExceptions';
import { isOpen } from '../../lib/findings';
import { guidelinePages } from '../../lib/guidelines';
import { FindingExceptionAction } from '../AskException';
import { OpenAndResolvedFindings } from '../FindingsList';

/**
 * An environment's baseline findings: the open ones, and on demand the resolved ones.
 * Mounted while open; loads them when it opens, and again in the background when the
 * environment's open or accepted count changes. Under an open finding: its pending
 * exception, or for who may update the environment, asking for one.
 * @public
 */
export const FindingsDialog = (props: {
  environment: Pick<
    Environment,
    'id' | 'name' | 'openFindings' | 'acceptedFindings'
  >;
  onClose: () => void;
}) => {
  const { environment, onClose } = props;
  const environmentName = environment.name;
  const state = useFindings(environment.id, {
    refreshKey: `${environment.openFindings ?? 0}/${
      environment.acceptedFindings ?? 0
    }`,
  });
  const { canUpdate } = useEnvironmentPermissions(environment.id);
  const pending = usePendingExceptions(environment.id);
  const links = useEnvironmentLinks();
  const titleId = useId();
  const open = state.findings?.filter(isOpen) ?? [];
  const acceptedCount = open.filter(f => f.exception).length;

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
              Open ({open.length}
              {acceptedCount > 0 ? `, ${acceptedCount} accepted` : ''})
            </Typography>
            <OpenAndResolvedFindings
              findings={state.findings}
              none={<>None: {environmentName} meets its baseline.</>}
              renderAction={finding => (
                <FindingExceptionAction
                  finding={finding}
                  pending={pending.exceptions}
                  canAsk={canUpdate}
                  onAsked={pending.add}
                />
              )}
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
