import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { useNow } from '../../hooks/useNow';
import {
  formatDateTime,
  formatMonthlyCost,
  formatTimeAgo,
} from '../../lib/format';
import { guidelinePages } from '../../lib/guidelines';
import { EnvironmentActions } from '../EnvironmentActions';
import { EnvironmentStatus } from '../EnvironmentStatus';
import { ResourceList } from '../ResourceList';
import { RetryButton } from '../RetryButton';
import { TierChip } from '../TierChip';
import { TimeLeft } from '../TimeLeft';
import { EnvironmentFactList } from './EnvironmentFactList';

/**
 * A provisioned environment's live state, as the environments service has it: status
 * and why, class, tier, owner, expiry, cost, resources, and what the user may do.
 */
export const ProvisionedEnvironmentOverview = (props: {
  environment: Environment;
  onChanged: () => void;
}) => {
  const { environment, onChanged } = props;
  const links = useEnvironmentLinks();
  const permissions = useEnvironmentPermissions(environment.id);
  const now = useNow();

  return (
    <>
      <EnvironmentStatus
        environment={environment}
        action={
          environment.status === 'failed' &&
          permissions.canUpdate && (
            <RetryButton environment={environment} onRetried={onChanged} />
          )
        }
      />
      <Box my={2}>
        <EnvironmentFactList
          facts={[
            {
              label: 'Class',
              value: (
                <Link
                  to={links.guideline(
                    guidelinePages.environmentClass(environment.class),
                  )}
                >
                  {environment.class}
                </Link>
              ),
            },
            { label: 'Tier', value: <TierChip tier={environment.tier} /> },
            {
              label: 'Owner',
              value: (
                <EntityRefLink
                  entityRef={environment.owner}
                  defaultKind="group"
                />
              ),
            },
            {
              label: 'Environment of',
              value: <EntityRefLink entityRef={environment.entityRef} />,
            },
            {
              label: 'Expires',
              value: environment.expiresAt ? (
                <TimeLeft expiresAt={environment.expiresAt} />
              ) : (
                'Never: static environments live until destroyed'
              ),
            },
            {
              label: 'Estimated cost',
              value: (
                <Link to={links.guideline(guidelinePages.cost)}>
                  {formatMonthlyCost(environment.estimatedMonthlyCost)}
                </Link>
              ),
            },
            {
              label: 'Created',
              value: (
                <span title={formatDateTime(environment.createdAt)}>
                  {formatTimeAgo(environment.createdAt, now)} by{' '}
                  <EntityRefLink
                    entityRef={environment.createdBy}
                    defaultKind="user"
                  />
                  {environment.scaffolderTaskId && (
                    <>
                      {' '}
                      (
                      <Link to={links.task(environment.scaffolderTaskId)}>
                        template run
                      </Link>
                      )
                    </>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Box>
      <Divider />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Resources
        </Typography>
        <ResourceList
          environmentName={environment.name}
          resources={environment.resources}
          environmentReason={environment.statusReason}
          canReveal={permissions.loading ? undefined : permissions.canReveal}
        />
      </Box>
      <Box mt={2}>
        <EnvironmentActions
          environment={environment}
          permissions={permissions}
          onChanged={onChanged}
        />
      </Box>
    </>
  );
};
