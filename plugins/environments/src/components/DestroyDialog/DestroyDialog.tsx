import { FormEvent, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';
import { ActionError } from '../ActionError';

function describeLoss(environment: Environment): string {
  const names = environment.resources.map(r => `${r.name} (${r.type})`);
  return names.length
    ? `Its resources are removed for good: ${names.join(', ')}.`
    : 'It has no resources.';
}

/**
 * Confirms a destroy. Production asks for the environment's name, as the server does
 * (`confirm`), because that is the one mistake nobody can undo for customers.
 */
export const DestroyDialog = (props: {
  environment: Environment;
  onClose: () => void;
  onDestroyed: () => void;
}) => {
  const { environment, onClose, onDestroyed } = props;
  const api = useApi(environmentsApiRef);
  const links = useEnvironmentLinks();
  const production = environment.tier === 'production';
  const [confirm, setConfirm] = useState('');
  const confirmed = !production || confirm === environment.name;

  const [state, destroy] = useAsyncFn(async () => {
    await api.destroyEnvironment(environment.id, production ? { confirm } : {});
    onDestroyed();
  }, [api, environment.id, production, confirm, onDestroyed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (confirmed) {
      destroy();
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="destroy-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="destroy-dialog-title">
          Destroy {environment.name}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {describeLoss(environment)} This cannot be undone.{' '}
            <Link
              to={links.guideline(
                production
                  ? guidelinePages.destroyProduction
                  : guidelinePages.destroy,
              )}
            >
              About destroying
            </Link>
          </DialogContentText>
          {production && (
            <TextField
              fullWidth
              id="destroy-confirm"
              label={`Type ${environment.name} to confirm`}
              value={confirm}
              onChange={event => setConfirm(event.target.value)}
              helperText="This is a production environment: it serves customers."
            />
          )}
          <ActionError
            error={state.error}
            action="destroy"
            subject={environment.name}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="secondary"
            variant="contained"
            disabled={!confirmed || state.loading}
          >
            Destroy
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
