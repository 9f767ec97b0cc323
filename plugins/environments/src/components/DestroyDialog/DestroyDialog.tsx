import { useState } from 'react';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';
import { ActionDialog } from '../ActionDialog';

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

  return (
    <ActionDialog
      action="destroy"
      subject={environment.name}
      title={`Destroy ${environment.name}?`}
      confirmLabel="Destroy"
      confirmColor="secondary"
      ready={!production || confirm === environment.name}
      onConfirm={async () => {
        await api.destroyEnvironment(
          environment.id,
          production ? { confirm } : {},
        );
        onDestroyed();
      }}
      onClose={onClose}
    >
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
    </ActionDialog>
  );
};
