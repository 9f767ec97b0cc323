import { BaselineRuleDefinition } from '@paved/plugin-environments-node';
import { connectionLimit } from './connectionLimit';
import { databaseOwner } from './databaseOwner';
import { extensions } from './extensions';
import { ownerPrivileges } from './ownerPrivileges';
import { statementTimeout } from './statementTimeout';

/**
 * The baseline rules about `postgres-database` resources, in the order their findings are
 * listed. The provider brings them; the guideline pages describe them.
 *
 * @public
 */
export const postgresBaselineRules: BaselineRuleDefinition[] = [
  connectionLimit,
  statementTimeout,
  ownerPrivileges,
  databaseOwner,
  extensions,
];
