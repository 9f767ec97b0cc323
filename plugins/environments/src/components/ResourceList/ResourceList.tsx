import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EnvironmentResource } from '@paved/plugin-environments-common';
import { ResourceItem } from '../ResourceItem';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li + li': { borderTop: `1px solid ${theme.palette.divider}` },
  },
}));

/** The resources of an environment, or a note that it has none yet. */
export const ResourceList = (props: {
  environmentName: string;
  resources: EnvironmentResource[];
  canReveal?: boolean;
  environmentReason?: string;
}) => {
  const classes = useStyles();
  if (props.resources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No resources yet.
      </Typography>
    );
  }
  return (
    <ul
      className={classes.list}
      aria-label={`Resources of ${props.environmentName}`}
    >
      {props.resources.map(resource => (
        <ResourceItem
          key={resource.id}
          resource={resource}
          canReveal={props.canReveal}
          environmentReason={props.environmentReason}
        />
      ))}
    </ul>
  );
};
