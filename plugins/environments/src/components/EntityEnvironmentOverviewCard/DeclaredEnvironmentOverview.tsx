import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EnvironmentEntityV1alpha1 } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';
import { TierChip } from '../TierChip';
import { EnvironmentFactList } from './EnvironmentFactList';

/**
 * An environment a team declared by hand: what its catalog-info.yaml says, and plainly
 * that Paved neither provisions nor watches it.
 */
export const DeclaredEnvironmentOverview = (props: {
  entity: EnvironmentEntityV1alpha1;
}) => {
  const { spec } = props.entity;
  const links = useEnvironmentLinks();
  return (
    <>
      <Typography variant="body2" paragraph>
        Declared by hand in a catalog-info.yaml. Paved does not provision this
        environment, so it has no live status, resources, baseline findings or
        operations here. To have Paved run one for you, see the{' '}
        <Link to={links.guideline(guidelinePages.goldenPaths)}>
          golden paths
        </Link>
        .
      </Typography>
      <Box my={2}>
        <EnvironmentFactList
          facts={[
            { label: 'Tier', value: <TierChip tier={spec.tier} /> },
            {
              label: 'Owner',
              value: (
                <EntityRefLink entityRef={spec.owner} defaultKind="group" />
              ),
            },
            {
              label: 'Environment of',
              value: <EntityRefLink entityRef={spec.environmentOf} />,
            },
            ...(spec.lifecycle
              ? [{ label: 'Lifecycle', value: spec.lifecycle }]
              : []),
            ...(spec.class ? [{ label: 'Class', value: spec.class }] : []),
          ]}
        />
      </Box>
    </>
  );
};
