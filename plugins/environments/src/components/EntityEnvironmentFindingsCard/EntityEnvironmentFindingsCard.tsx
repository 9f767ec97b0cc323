import LinearProgress from '@material-ui/core/LinearProgress';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PAVED_ENVIRONMENT_ID_ANNOTATION } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useFindings } from '../../hooks/useFindings';
import { guidelinePages } from '../../lib/guidelines';
import { OpenAndResolvedFindings } from '../FindingsList';
import { LoadError } from '../LoadError';

/**
 * The baseline findings of a provisioned environment's entity page: what breaks its
 * class's rules now, expected against observed, and on request what broke them before.
 * Renders nothing for a declared environment, which Paved does not watch.
 * @public
 */
export const EntityEnvironmentFindingsCard = () => {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[PAVED_ENVIRONMENT_ID_ANNOTATION];
  const links = useEnvironmentLinks();
  const state = useFindings(id ?? '', { enabled: !!id });
  if (!id) {
    return null;
  }
  const name = entity.metadata.title ?? entity.metadata.name;

  let body;
  if (state.loading) {
    body = <LinearProgress aria-label="Loading the findings" />;
  } else if (!state.findings) {
    body = (
      <LoadError
        title="Could not load the findings"
        error={state.error}
        onRetry={state.retry}
      />
    );
  } else {
    body = (
      <OpenAndResolvedFindings
        findings={state.findings}
        none={<>None open: {name} meets its baseline.</>}
      />
    );
  }

  return (
    <InfoCard
      title="Baseline findings"
      subheader="The rules of its class that a live resource breaks now; each finding links to how to fix it."
      deepLink={{
        title: 'What a baseline is',
        link: links.guideline(guidelinePages.baselines),
      }}
    >
      {body}
    </InfoCard>
  );
};
