import Button from '@material-ui/core/Button';
import ReplayIcon from '@material-ui/icons/Replay';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { ActionError } from '../ActionError';

/** Runs a failed environment's work again; `onRetried` reloads so the card follows it. */
export const RetryButton = (props: {
  environment: Environment;
  onRetried: () => void;
}) => {
  const { environment, onRetried } = props;
  const api = useApi(environmentsApiRef);
  const [state, retry] = useAsyncFn(async () => {
    await api.retryEnvironment(environment.id);
    onRetried();
  }, [api, environment.id, onRetried]);

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<ReplayIcon />}
        onClick={retry}
        disabled={state.loading}
        aria-label={`Retry ${environment.name}`}
      >
        Retry
      </Button>
      <ActionError
        error={state.error}
        action="retry"
        subject={environment.name}
      />
    </>
  );
};
