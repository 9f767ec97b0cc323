import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { BaselineConformance } from '../BaselineConformance';
import { EnvironmentActions } from '../EnvironmentActions';
import { EnvironmentFacts } from '../EnvironmentFacts';
import { EnvironmentStatus } from '../EnvironmentStatus';
import { ResourceList } from '../ResourceList';
import { RetryButton } from '../RetryButton';
import { TierChip } from '../TierChip';
import { TimeLeft } from '../TimeLeft';

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  name: { overflowWrap: 'anywhere' },
}));

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
  const classes = useStyles();
  const permissions = useEnvironmentPermissions(environment.id);
  const headingId = `environment-${environment.id}`;

  return (
    <Card
      variant="outlined"
      component="article"
      aria-labelledby={headingId}
      className={classes.card}
    >
      <CardContent className={classes.content}>
        <div className={classes.header}>
          <Typography
            variant="h6"
            component="h3"
            id={headingId}
            className={classes.name}
          >
            {environment.name}
          </Typography>
          <TierChip tier={environment.tier} />
        </div>
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
        {environment.expiresAt && (
          <TimeLeft expiresAt={environment.expiresAt} />
        )}
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
      </CardContent>
      <CardActions>
        <EnvironmentActions
          environment={environment}
          permissions={permissions}
          onChanged={onChanged}
        />
      </CardActions>
    </Card>
  );
};
