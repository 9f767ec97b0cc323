import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { Link as RouterLink } from 'react-router-dom';
import { Link } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import {
  EPHEMERAL_TEMPLATE,
  ephemeralTemplateFormData,
} from '../../lib/ephemeralTemplateFormData';
import { guidelinePages } from '../../lib/guidelines';

/**
 * Opens the `paved-ephemeral-environment` template with this entity and its owner
 * filled in: the quickest start, offered wherever Paved provisions nothing for it yet.
 */
export const CreateEphemeralEnvironmentButton = (props: {
  entity: Entity;
  variant?: 'contained' | 'outlined';
}) => {
  const links = useEnvironmentLinks();
  return (
    <Button
      variant={props.variant ?? 'contained'}
      color="primary"
      startIcon={<AddIcon />}
      component={RouterLink}
      // ButtonBase calls anything but a <button> a button; this one navigates.
      role="link"
      to={links.template(
        EPHEMERAL_TEMPLATE,
        ephemeralTemplateFormData(props.entity),
      )}
    >
      Create an ephemeral environment
    </Button>
  );
};

/**
 * No environments yet: says what an environment is for, and offers the quickest
 * start, the ephemeral-environment template with this entity already filled in.
 */
export const EnvironmentsEmptyState = (props: { entity: Entity }) => {
  const { entity } = props;
  const links = useEnvironmentLinks();
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const name = entity.metadata.title ?? entity.metadata.name;

  return (
    <Box py={1}>
      <Typography variant="h6" component="h3" gutterBottom>
        No environments yet
      </Typography>
      <Typography variant="body2" paragraph>
        {isSystem
          ? `None of the components of ${name} has an environment.`
          : `${name} has no environments.`}{' '}
        A preview environment is the quickest way to try a change: a short-lived
        copy with its own PostgreSQL database, which removes itself when its
        time is up. Development, staging and production environments come from
        the golden paths too.
      </Typography>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
        <CreateEphemeralEnvironmentButton entity={entity} />
        <Link to={links.guideline(guidelinePages.ephemeralTemplate)}>
          When to use one
        </Link>
      </Box>
    </Box>
  );
};
