import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EnvironmentEntityV1alpha1 } from '@paved/plugin-environments-common';
import { EnvironmentRow } from '../EnvironmentRow';
import { TierChip } from '../TierChip';

const useStyles = makeStyles(theme => ({
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
  },
}));

/**
 * An environment a team declared by hand in its catalog-info.yaml: Paved does not
 * provision it, so there is no live status, resource list or action, only what the
 * team wrote down (tier, owner, description, links) and its catalog page.
 */
export const DeclaredEnvironmentCard = (props: {
  environment: EnvironmentEntityV1alpha1;
  showEntity?: boolean;
}) => {
  const { environment, showEntity } = props;
  const classes = useStyles();
  const ref = stringifyEntityRef(environment);
  const headingId = `declared-environment-${ref.replace(
    /[^a-zA-Z0-9-]/g,
    '-',
  )}`;
  const name = environment.metadata.title ?? environment.metadata.name;

  return (
    <EnvironmentRow
      headingId={headingId}
      name={name}
      chips={
        <>
          <TierChip tier={environment.spec.tier} />
          <Chip size="small" variant="outlined" label="declared" />
        </>
      }
    >
      <Typography variant="body2" color="textSecondary">
        Declared in a catalog-info.yaml, owned by{' '}
        <EntityRefLink entityRef={environment.spec.owner} defaultKind="group" />
        {showEntity && (
          <>
            , for <EntityRefLink entityRef={environment.spec.environmentOf} />
          </>
        )}
      </Typography>
      {environment.metadata.description && (
        <Typography variant="body2">
          {environment.metadata.description}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        Paved does not provision it, so its status and resources are not tracked
        here.
      </Typography>
      <Typography variant="body2" component="div" className={classes.links}>
        {(environment.metadata.links ?? []).map(link => (
          <Link key={link.url} to={link.url}>
            {link.title ?? link.url}
          </Link>
        ))}
        <EntityRefLink entityRef={ref} title="Catalog page" />
      </Typography>
    </EnvironmentRow>
  );
};
