import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  Environment,
  EnvironmentList,
  environmentReadPermission,
  Finding,
  Operation,
} from '@paved/plugin-environments-common';
import { FindingsQuery, ListQuery } from '../database/EnvironmentsStore';
import { UseCaseContext } from './context';

export async function listEnvironments(
  ctx: UseCaseContext,
  query: ListQuery,
  credentials: BackstageCredentials,
): Promise<EnvironmentList> {
  const scope = await ctx.authorizer.readScope(credentials);
  if (scope.denied) return { items: [], totalItems: 0 };
  const { items, totalItems } = await ctx.store.environments.listEnvironments(
    query,
    scope.filter,
  );
  const next = query.offset + items.length;
  return {
    items: items.map(e => ctx.classes.withCost(e)),
    totalItems,
    nextCursor: next < totalItems ? String(next) : undefined,
  };
}

export async function getEnvironment(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<Environment> {
  const environment = await ctx.store.environments.getEnvironment(id);
  // An environment the caller may not read is, to them, not there.
  if (
    !environment ||
    !(await ctx.authorizer.isAllowed(
      environmentReadPermission,
      id,
      credentials,
    ))
  ) {
    throw new NotFoundError(`No environment with id ${id}`);
  }
  return ctx.classes.withCost(environment);
}

/**
 * An environment the caller may change, with its class: the start of every change to an
 * existing environment.
 */
export async function getEnvironmentToChange(
  ctx: UseCaseContext,
  id: string,
  permission: ResourcePermission,
  credentials: BackstageCredentials,
) {
  const environment = await getEnvironment(ctx, id, credentials);
  const environmentClass = ctx.classes.requireClass(environment.class);
  await ctx.authorizer.requireAllowed(permission, id, credentials);
  return { environment, environmentClass };
}

/** An environment's baseline findings, open and resolved, newest first. */
export async function environmentFindings(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<Finding[]> {
  await getEnvironment(ctx, id, credentials);
  return ctx.store.findings.list({ environmentId: id });
}

/** Findings of the environments the caller may read. */
export async function listFindings(
  ctx: UseCaseContext,
  query: Omit<FindingsQuery, 'environmentId'>,
  credentials: BackstageCredentials,
): Promise<Finding[]> {
  const scope = await ctx.authorizer.readScope(credentials);
  if (scope.denied) return [];
  return ctx.store.findings.list(query, scope.filter);
}

export async function environmentOperations(
  ctx: UseCaseContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<Operation[]> {
  await getEnvironment(ctx, id, credentials);
  return ctx.store.operations.listOperations(id);
}
