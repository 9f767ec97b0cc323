import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CopyTextButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EnvironmentResource } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { ActionError } from '../ActionError';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    '& svg': { fontSize: '1rem' },
  },
  secret: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
}));

/**
 * A resource's connection string, masked until asked for. Each reveal is a request
 * (the server checks the permission and audits it) and hiding forgets the value, so
 * it does not linger in the page.
 */
export const ConnectionStringReveal = (props: {
  resource: EnvironmentResource;
}) => {
  const { resource } = props;
  const classes = useStyles();
  const api = useApi(environmentsApiRef);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setSecret((await api.revealSecret(resource.id)).connectionString);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className={classes.line}>
        <Typography variant="body2" component="span" color="textSecondary">
          Connection string
        </Typography>
        {secret ? (
          <>
            <Typography
              variant="body2"
              component="code"
              className={classes.secret}
            >
              {secret}
            </Typography>
            <CopyTextButton
              // Quiet, like the outputs' copy buttons.
              variant="tertiary"
              text={secret}
              aria-label={`Copy the connection string of ${resource.name}`}
            />
            <Button
              size="small"
              onClick={() => setSecret(undefined)}
              aria-label={`Hide the connection string of ${resource.name}`}
            >
              Hide
            </Button>
          </>
        ) : (
          <>
            <Typography
              variant="body2"
              component="span"
              aria-label="hidden"
              className={classes.secret}
            >
              ••••••••••••
            </Typography>
            <Button
              size="small"
              variant="outlined"
              onClick={reveal}
              disabled={busy}
              aria-label={`Reveal the connection string of ${resource.name}`}
            >
              Reveal
            </Button>
          </>
        )}
      </div>
      <ActionError error={error} action="reveal" subject={resource.name} />
    </div>
  );
};
