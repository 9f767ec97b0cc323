import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApprovalRequest,
  Environment,
} from '@paved/plugin-environments-common';
import { EnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { BaselineConformance } from '../BaselineConformance';
import { EnvironmentActions } from '../EnvironmentActions';
import { PendingRequest } from '../RequestNotice';
import { ResourceList } from '../ResourceList';
import { RetryButton } from '../RetryButton';
import { TimeLeft } from '../TimeLeft';
import { StatusDetail } from './StatusDetail';
import { DetailLinks } from './DetailLinks';

const useStyles = makeStyles(theme => ({
  // Text buttons have padding of their own; line their labels up with the text above.
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginLeft: theme.spacing(-0.5),
  },
}));

/**
 * What an environment's line leaves out: class and owner, what it is doing or why it
 * failed, the expiry in words, whether it meets its baseline (opening the findings),
 * its resources with their outputs and connection string, links, and the actions the
 * user may take; a request of it that waits for approval, with who decides.
 */
export const EnvironmentDetails = (props: {
  environment: Environment;
  permissions: EnvironmentPermissions;
  pendingRequest?: ApprovalRequest;
  signedInUser?: string;
  onChanged: () => void;
}) => {
  const { environment, permissions, pendingRequest, onChanged } = props;
  const classes = useStyles();

  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {environment.class} class, owned by{' '}
        <EntityRefLink entityRef={environment.owner} defaultKind="group" />
      </Typography>
      <StatusDetail
        environment={environment}
        action={
          environment.status === 'failed' &&
          permissions.canUpdate && (
            <RetryButton environment={environment} onRetried={onChanged} />
          )
        }
      />
      {pendingRequest && (
        <PendingRequest
          request={pendingRequest}
          signedInUser={props.signedInUser}
          onWithdrawn={onChanged}
        />
      )}
      {environment.expiresAt && <TimeLeft expiresAt={environment.expiresAt} />}
      <BaselineConformance environment={environment} />
      <Divider />
      <ResourceList
        environmentName={environment.name}
        resources={environment.resources}
        environmentReason={environment.statusReason}
        canReveal={permissions.loading ? undefined : permissions.canReveal}
      />
      <Divider />
      <DetailLinks environment={environment} />
      <div className={classes.actions}>
        <EnvironmentActions
          environment={environment}
          permissions={permissions}
          onChanged={onChanged}
        />
      </div>
    </>
  );
};
