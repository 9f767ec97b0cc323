import { BaselineRuleDefinition } from '@paved/plugin-environments-node';
import { manifestsAsRendered } from './manifests';
import { quota } from './quota';
import {
  containerLimits,
  defaultDeny,
  namespaceNamePattern,
  noClusterAdmin,
  ownerLabel,
} from './simpleRules';

/**
 * The baseline rules about `kubernetes-namespace` resources, in the order their findings
 * are listed. The provider brings them; the guideline pages describe them.
 *
 * @public
 */
export const gitopsBaselineRules: BaselineRuleDefinition[] = [
  quota,
  containerLimits,
  defaultDeny,
  noClusterAdmin,
  ownerLabel,
  namespaceNamePattern,
  manifestsAsRendered,
];
