import { FormEvent, ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { EnvironmentAction } from '../../lib/describeActionError';
import { ActionError } from '../ActionError';

/**
 * A dialog that asks before an action on an environment: its form (the children), Cancel,
 * and a confirm button that runs the action, stays disabled while it runs, and leaves the
 * dialog open with the failure in words when the server refuses.
 */
export const ActionDialog = (props: {
  action: EnvironmentAction;
  /** The environment's name, for the failure's wording. */
  subject: string;
  title: string;
  confirmLabel: string;
  confirmColor: 'primary' | 'secondary';
  /** Whether the form holds what the action needs; until then neither Enter nor the button runs it. */
  ready: boolean;
  /** Something the form shows is still loading: the button waits for it. */
  loading?: boolean;
  /** The action; the caller closes the dialog from here once it succeeded. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) => {
  const { action, subject, ready, onConfirm, onClose } = props;
  const [state, run] = useAsyncFn(onConfirm, [onConfirm]);
  const titleId = `${action}-dialog-title`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) {
      run();
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.children}
          <ActionError error={state.error} action={action} subject={subject} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color={props.confirmColor}
            variant="contained"
            disabled={!ready || props.loading || state.loading}
          >
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
