import {
  Environment,
  FindingSeverity,
} from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { acceptingException } from './DatabaseFindingStore';
import {
  EnvironmentRow,
  groupBy,
  OperationRow,
  ResourceRow,
  toEnvironment,
  toOperation,
} from './rows';

/**
 * Environments as cards show them: their resources, the operation under way, the task
 * that made them and their open findings by severity, in three queries for any page size.
 */
export async function toEnvironmentViews(
  db: Knex,
  rows: EnvironmentRow[],
): Promise<Environment[]> {
  if (!rows.length) return [];
  const ids = rows.map(r => r.id);
  const [resources, operations, findings] = await Promise.all([
    db<ResourceRow>('resources')
      .whereIn('environment_id', ids)
      .orderBy('created_at')
      .orderBy('name'),
    cardOperations(db, ids),
    openFindingCounts(db, ids),
  ]);
  const resourcesOf = groupBy(resources, 'environment_id');
  return rows.map(row =>
    withFindings(
      withOperations(
        toEnvironment(row, resourcesOf.get(row.id) ?? []),
        operations.get(row.id),
      ),
      findings.get(row.id),
    ),
  );
}

/** The one queued or running now, and the create that says which task made it. */
async function cardOperations(db: Knex, environmentIds: string[]) {
  const rows = await db<OperationRow>('operations')
    .whereIn('environment_id', environmentIds)
    .where(b =>
      b.whereIn('state', ['queued', 'running']).orWhere('type', 'create'),
    )
    .orderBy('created_at')
    .orderBy('id');
  return groupBy(rows, 'environment_id');
}

interface OpenFindingCounts {
  total: number;
  bySeverity: Partial<Record<FindingSeverity, number>>;
  accepted: number;
}

/**
 * A card says "2 open findings (1 blocking, 1 high), 1 accepted" without loading them:
 * findings an approved exception accepts are counted apart.
 */
async function openFindingCounts(db: Knex, environmentIds: string[]) {
  const counts = new Map<string, OpenFindingCounts>();
  const rows = (await db('findings as f')
    .leftJoin('baseline_exceptions as x', acceptingException(db))
    .whereIn('f.environment_id', environmentIds)
    .whereNull('f.resolved_at')
    .groupBy('f.environment_id', 'f.severity')
    .select('f.environment_id', 'f.severity')
    .count({ count: '*' })
    .count({ accepted: 'x.id' })) as Array<{
    environment_id: string;
    severity: FindingSeverity;
    count: string | number;
    accepted: string | number;
  }>;
  for (const row of rows) {
    const total = counts.get(row.environment_id) ?? {
      total: 0,
      bySeverity: {},
      accepted: 0,
    };
    const accepted = Number(row.accepted);
    const open = Number(row.count) - accepted;
    total.accepted += accepted;
    total.total += open;
    if (open) total.bySeverity[row.severity] = open;
    counts.set(row.environment_id, total);
  }
  return counts;
}

function withOperations(
  environment: Environment,
  operations: OperationRow[] = [],
): Environment {
  const active = operations.find(
    op => op.state === 'queued' || op.state === 'running',
  );
  const created = operations.find(op => op.type === 'create');
  return {
    ...environment,
    activeOperation: active ? toOperation(active) : undefined,
    scaffolderTaskId: created?.scaffolder_task_id ?? undefined,
  };
}

/** The card's conformance line: left out when there is nothing to say. */
function withFindings(
  environment: Environment,
  open: OpenFindingCounts | undefined,
): Environment {
  if (!open) return environment;
  return {
    ...environment,
    ...(open.total && {
      openFindings: open.total,
      openFindingsBySeverity: open.bySeverity,
    }),
    ...(open.accepted && { acceptedFindings: open.accepted }),
  };
}
