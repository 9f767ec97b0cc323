import { useCallback, useState } from 'react';
import Button from '@material-ui/core/Button';
import DeleteIcon from '@material-ui/icons/Delete';
import UpdateIcon from '@material-ui/icons/Update';
import { Environment } from '@paved/plugin-environments-common';
import { EnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { DestroyDialog } from '../DestroyDialog';
import { ExtendDialog } from '../ExtendDialog';

/**
 * Extend (ephemeral environments) and Destroy, offered only where the permission
 * allows and the environment is not already going away. `onChanged` reloads.
 */
export const EnvironmentActions = (props: {
  environment: Environment;
  permissions: EnvironmentPermissions;
  onChanged: () => void;
}) => {
  const { environment, permissions, onChanged } = props;
  const [open, setOpen] = useState<'extend' | 'destroy'>();
  const close = useCallback(() => setOpen(undefined), []);
  const done = useCallback(() => {
    setOpen(undefined);
    onChanged();
  }, [onChanged]);

  const live =
    environment.status !== 'destroying' && environment.status !== 'destroyed';
  const canExtend =
    live && environment.lifecycle === 'ephemeral' && permissions.canUpdate;
  const canDestroy = live && permissions.canDelete;
  if (!canExtend && !canDestroy) {
    return null;
  }

  return (
    <>
      {canExtend && (
        <Button
          size="small"
          startIcon={<UpdateIcon />}
          onClick={() => setOpen('extend')}
          aria-label={`Extend ${environment.name}`}
        >
          Extend
        </Button>
      )}
      {canDestroy && (
        <Button
          size="small"
          startIcon={<DeleteIcon />}
          onClick={() => setOpen('destroy')}
          aria-label={`Destroy ${environment.name}`}
        >
          Destroy
        </Button>
      )}
      {open === 'extend' && (
        <ExtendDialog
          environment={environment}
          onClose={close}
          onExtended={done}
        />
      )}
      {open === 'destroy' && (
        <DestroyDialog
          environment={environment}
          onClose={close}
          onDestroyed={done}
        />
      )}
    </>
  );
};
