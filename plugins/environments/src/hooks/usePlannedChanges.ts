import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { useApi } from '@backstage/core-plugin-api';
import { EnvironmentPlan } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import type { PlanRequest } from '../lib/planFromForm';

/** Long enough that typing a name asks once, short enough to feel immediate. */
export const PLAN_DEBOUNCE_MS = 400;

/**
 * The plan of a request a form is building, asked again once the form has been still
 * for a moment: a dry run of the create, or of adding resources to the environment of
 * that name. Nothing is created either way.
 */
export function usePlannedChanges(
  request: PlanRequest,
  debounceMs = PLAN_DEBOUNCE_MS,
): { plan?: EnvironmentPlan; loading: boolean; error?: Error } {
  const api = useApi(environmentsApiRef);
  const key =
    request.kind === 'add' || request.kind === 'create'
      ? JSON.stringify(request)
      : undefined;
  const [settled, setSettled] = useState(key);
  useDebounce(() => setSettled(key), debounceMs, [key]);

  const state = useAsync(async () => {
    if (!settled) return undefined;
    const asked = JSON.parse(settled) as PlanRequest;
    if (asked.kind === 'create') {
      return api.createEnvironment(asked.request, { dryRun: true });
    }
    if (asked.kind !== 'add') return undefined;
    const { items } = await api.listEnvironments({
      entityRef: asked.entityRef,
      limit: 100,
    });
    const environment = items.find(e => e.name === asked.environmentName);
    if (!environment) {
      throw new Error(
        `${asked.entityRef} has no environment named ${asked.environmentName}`,
      );
    }
    return api.addResources(environment.id, asked.resources, { dryRun: true });
  }, [api, settled]);

  return {
    plan: key && settled === key ? state.value : undefined,
    loading: !!key && (settled !== key || state.loading),
    error: key && settled === key ? state.error : undefined,
  };
}
