import { useEffect, useState } from 'react';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useEnvironmentClasses } from '../../hooks/useEnvironmentClasses';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useNow } from '../../hooks/useNow';
import { checkExtendTtl } from '../../lib/checkExtendTtl';
import { formatTimeLeft } from '../../lib/format';
import { guidelinePages } from '../../lib/guidelines';
import { ActionDialog } from '../ActionDialog';

/**
 * Asks for a new time to live, counted from now, and refuses in the form what the
 * server would refuse: not a duration, longer than the class allows (from
 * `listClasses`, loaded when the dialog opens), or shorter than what is left.
 */
export const ExtendDialog = (props: {
  environment: Environment;
  onClose: () => void;
  onExtended: () => void;
}) => {
  const { environment, onClose, onExtended } = props;
  const api = useApi(environmentsApiRef);
  const links = useEnvironmentLinks();
  const classes = useEnvironmentClasses();
  const ttlPolicy = classes.value?.find(c => c.name === environment.class)?.ttl;
  const now = useNow();
  const [ttl, setTtl] = useState('');
  const [edited, setEdited] = useState(false);

  // Start from the class's default once known, unless the user typed already.
  useEffect(() => {
    if (!edited && ttlPolicy) {
      setTtl(ttlPolicy.default);
    }
  }, [edited, ttlPolicy]);

  const problem = checkExtendTtl({
    ttl,
    maxTtl: ttlPolicy?.max,
    expiresAt: environment.expiresAt,
    now,
  });
  const left = environment.expiresAt
    ? formatTimeLeft(Date.parse(environment.expiresAt) - now)
    : undefined;

  return (
    <ActionDialog
      action="extend"
      subject={environment.name}
      title={`Extend ${environment.name}`}
      confirmLabel="Extend"
      confirmColor="primary"
      ready={!problem}
      loading={classes.loading}
      onConfirm={async () => {
        await api.extendEnvironment(environment.id, ttl.trim());
        onExtended();
      }}
      onClose={onClose}
    >
      <DialogContentText>
        {left ? `It has ${left} left. ` : ''}Give it a new time to live, counted
        from now
        {ttlPolicy
          ? `, up to ${ttlPolicy.max} for the ${environment.class} class`
          : ''}
        .{' '}
        <Link to={links.guideline(guidelinePages.extend)}>About extending</Link>
      </DialogContentText>
      <TextField
        fullWidth
        id="extend-ttl"
        label="Time to live from now"
        placeholder="e.g. 1d"
        value={ttl}
        onChange={event => {
          setEdited(true);
          setTtl(event.target.value);
        }}
        // Refused as soon as there is something to refuse, the default included.
        error={ttl !== '' && !!problem}
        helperText={
          ttl !== '' && problem
            ? problem
            : 'A whole number and one unit: m (minutes), h (hours) or d (days)'
        }
      />
    </ActionDialog>
  );
};
