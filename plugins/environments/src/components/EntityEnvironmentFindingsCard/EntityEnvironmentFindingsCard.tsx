import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { ErrorPanel, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PAVED_ENVIRONMENT_ID_ANNOTATION } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useFindings } from '../../hooks/useFindings';
import { isOpen } from '../../lib/findings';
import { guidelinePages } from '../../lib/guidelines';
import { FindingsList } from '../FindingsList';

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
  const [showResolved, setShowResolved] = useState(false);
  const state = useFindings(id ?? '', { enabled: !!id });
  if (!id) {
    return null;
  }
  const name = entity.metadata.title ?? entity.metadata.name;
  const open = state.findings?.filter(isOpen) ?? [];
  const resolved = state.findings?.filter(f => !isOpen(f)) ?? [];

  let body;
  if (state.loading) {
    body = <LinearProgress aria-label="Loading the findings" />;
  } else if (!state.findings) {
    body = (
      <>
        <ErrorPanel
          title="Could not load the findings"
          error={state.error ?? new Error('Unknown error')}
        />
        <Box mt={2}>
          <Button variant="outlined" onClick={state.retry}>
            Try again
          </Button>
        </Box>
      </>
    );
  } else {
    body = (
      <>
        {open.length > 0 ? (
          <FindingsList findings={open} aria-label="Open findings" />
        ) : (
          <Typography variant="body2" paragraph>
            None open: {name} meets its baseline.
          </Typography>
        )}
        <FormControlLabel
          control={
            <Switch
              checked={showResolved}
              onChange={event => setShowResolved(event.target.checked)}
              disabled={resolved.length === 0}
            />
          }
          label={`Show resolved findings (${resolved.length})`}
        />
        {showResolved && (
          <FindingsList findings={resolved} aria-label="Resolved findings" />
        )}
      </>
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
