import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { EnvironmentFilter } from '../../permissions/rules';
import { applyCriteria } from '../applyCriteria';
import { chunks, isPostgres, toTimestamp } from '../dialect';
import { MetricScope } from './MetricStore';

/** Narrows a query to a goal's scope, on the table aliased `alias` (environments or refusals). */
export function applyScope(
  builder: Knex.QueryBuilder,
  alias: string,
  scope: MetricScope,
): void {
  if (scope.tier) builder.where(`${alias}.tier`, scope.tier);
  if (scope.class) builder.where(`${alias}.class`, scope.class);
  if (scope.owner) builder.where(`${alias}.owner`, scope.owner);
  if (scope.entityRefs) {
    const refs = scope.entityRefs;
    if (!refs.length) builder.whereRaw('1 = 0');
    else
      builder.where(b => {
        for (const part of chunks(refs))
          b.orWhereIn(`${alias}.entity_ref`, part);
      });
  }
}

/** Only environments (by `column`, their id) the caller may read. */
export function applyReadable(
  builder: Knex.QueryBuilder,
  column: string,
  filter: PermissionCriteria<EnvironmentFilter> | undefined,
): void {
  if (!filter) return;
  builder.whereIn(column, inner => {
    inner.select('id').from('environments');
    applyCriteria(inner, filter);
  });
}

/** A timestamp bound as a parameter, typed so PostgreSQL can do arithmetic with it. */
export function timestampParam(db: Knex): string {
  return isPostgres(db) ? '?::timestamptz' : '?';
}

/** SQL for the hours from one timestamp expression to another, on either engine. */
export function hoursBetween(db: Knex, from: string, to: string): string {
  return isPostgres(db)
    ? `(extract(epoch from (${to} - ${from})) / 3600.0)`
    : `((julianday(${to}) - julianday(${from})) * 24.0)`;
}

/** Rows counted by SQL come back as text from PostgreSQL. */
export const num = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);

export const ts = toTimestamp;
