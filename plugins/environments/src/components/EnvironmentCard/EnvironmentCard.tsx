import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApprovalRequest,
  Environment,
} from '@paved/plugin-environments-common';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { EnvironmentRow } from '../EnvironmentRow';
import { TierChip } from '../TierChip';
import { EnvironmentDetails } from './EnvironmentDetails';
import { SummaryCells } from './SummaryCells';

/**
 * One environment, in a line: name, tier, status, time left, cost and open findings;
 * expanded, everything else (resources and their connection details, links, actions).
 * `showEntity` names the component it belongs to, for a system's page;
 * `defaultExpanded` opens it from the start; `pendingRequest` is what waits for an
 * approver, said in the details with its withdraw button for `signedInUser`.
 */
export const EnvironmentCard = (props: {
  environment: Environment;
  showEntity?: boolean;
  defaultExpanded?: boolean;
  pendingRequest?: ApprovalRequest;
  signedInUser?: string;
  onChanged: () => void;
}) => {
  const { environment, showEntity, onChanged } = props;
  const [expanded, setExpanded] = useState(!!props.defaultExpanded);
  // Asked for every line at once (the permission client batches the questions), so
  // opening one shows its actions without a wait.
  const permissions = useEnvironmentPermissions(environment.id);

  return (
    <EnvironmentRow
      headingId={`environment-${environment.id}`}
      name={environment.name}
      chips={<TierChip tier={environment.tier} />}
      subtitle={
        showEntity && (
          <Typography variant="caption" color="textSecondary">
            for <EntityRefLink entityRef={environment.entityRef} />
          </Typography>
        )
      }
      cells={<SummaryCells environment={environment} />}
      expanded={expanded}
      onToggle={() => setExpanded(open => !open)}
    >
      <EnvironmentDetails
        environment={environment}
        permissions={permissions}
        pendingRequest={props.pendingRequest}
        signedInUser={props.signedInUser}
        onChanged={onChanged}
      />
    </EnvironmentRow>
  );
};
