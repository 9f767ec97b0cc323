import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../permissions/rules';

/** Translates the permission framework's criteria into WHERE clauses. */
export function applyCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<EnvironmentFilter>,
): void {
  if ('allOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.allOf)
        b.andWhere(inner => applyCriteria(inner, c));
    });
  } else if ('anyOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.anyOf)
        b.orWhere(inner => applyCriteria(inner, c));
    });
  } else if ('not' in criteria) {
    builder.whereNot(b => applyCriteria(b, criteria.not));
  } else if (criteria.values.length === 0) {
    // An empty list matches nothing.
    builder.whereRaw('1 = 0');
  } else {
    builder.whereIn(criteria.property, criteria.values);
  }
}
