import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EnvironmentResource } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';
import { ConnectionStringReveal } from '../ConnectionStringReveal';
import { StatusIcon } from '../EnvironmentStatus';
import { ResourceOutputs } from '../ResourceOutputs';
import { ResourceTypeIcon } from './ResourceTypeIcon';

const useStyles = makeStyles(theme => ({
  item: { padding: theme.spacing(1, 0) },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * One resource: type, name, status, outputs, and its connection string for those
 * allowed to reveal it. `canReveal` is undefined while that is being asked.
 */
export const ResourceItem = (props: {
  resource: EnvironmentResource;
  canReveal?: boolean;
  /** Said once already above, for the environment; not repeated here. */
  environmentReason?: string;
}) => {
  const { resource, canReveal, environmentReason } = props;
  const classes = useStyles();
  const links = useEnvironmentLinks();
  const isDatabase = resource.type.startsWith('postgres');

  return (
    <li className={classes.item}>
      <div className={classes.line}>
        <ResourceTypeIcon type={resource.type} />
        <Typography variant="subtitle2" component="span">
          {resource.name}
        </Typography>
        <Typography variant="body2" component="span" color="textSecondary">
          {resource.type}
        </Typography>
        <StatusIcon status={resource.status} />
        <Typography variant="body2" component="span">
          {resource.status}
        </Typography>
      </div>
      {resource.statusReason && resource.statusReason !== environmentReason && (
        <Typography variant="body2" color="textSecondary">
          {resource.statusReason}
        </Typography>
      )}
      <ResourceOutputs resource={resource} />
      {isDatabase && resource.status === 'ready' && canReveal && (
        // Only databases have a connection string; a namespace has nothing to reveal.
        <ConnectionStringReveal resource={resource} />
      )}
      {isDatabase && resource.status === 'ready' && canReveal !== undefined && (
        <Typography variant="body2">
          <Link
            to={links.guideline(
              canReveal
                ? guidelinePages.connecting
                : guidelinePages.connectionString,
            )}
          >
            {canReveal
              ? 'How to connect'
              : 'Who may reveal the connection string'}
          </Link>
        </Typography>
      )}
    </li>
  );
};
