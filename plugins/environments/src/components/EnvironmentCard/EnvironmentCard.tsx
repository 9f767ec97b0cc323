import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { BaselineConformance } from '../BaselineConformance';
import { EnvironmentActions } from '../EnvironmentActions';
import { EnvironmentArticle } from '../EnvironmentArticle';
import { EnvironmentFacts } from '../EnvironmentFacts';
import { EnvironmentStatus } from '../EnvironmentStatus';
import { ResourceList } from '../ResourceList';
import { RetryButton } from '../RetryButton';
import { TierChip } from '../TierChip';
import { TimeLeft } from '../TimeLeft';

/**
 * One environment, compact: name and tier, owner, status and why, time left,
 * whether it meets its baseline, resources with their outputs, cost and links, and
 * what the user may do to it.
 * `showEntity` names the component it belongs to, for a system's page.
 */
export const EnvironmentCard = (props: {
  environment: Environment;
  showEntity?: boolean;
  onChanged: () => void;
}) => {
  const { environment, showEntity, onChanged } = props;
  const permissions = useEnvironmentPermissions(environment.id);
  const headingId = `environment-${environment.id}`;

  return (
    <EnvironmentArticle
      headingId={headingId}
      name={environment.name}
      chips={<TierChip tier={environment.tier} />}
      actions={
        <EnvironmentActions
          environment={environment}
          permissions={permissions}
          onChanged={onChanged}
        />
      }
    >
      <Typography variant="body2" color="textSecondary">
        {environment.class} class, owned by{' '}
        <EntityRefLink entityRef={environment.owner} defaultKind="group" />
        {showEntity && (
          <>
            , for <EntityRefLink entityRef={environment.entityRef} />
          </>
        )}
      </Typography>
      <EnvironmentStatus
        environment={environment}
        omitFindingsReason
        action={
          environment.status === 'failed' &&
          permissions.canUpdate && (
            <RetryButton environment={environment} onRetried={onChanged} />
          )
        }
      />
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
      <EnvironmentFacts environment={environment} />
    </EnvironmentArticle>
  );
};
