import { useApi } from '@backstage/core-plugin-api';
import { Goal, GoalDetail } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { LiveLoadState, useLiveLoad } from './useLiveLoad';

/**
 * The goals with their values and 90 days of history, all of them or those a group
 * owns or is the scope of. Loaded once: a goal moves with the daily snapshot.
 */
export function useGoals(group?: string): LiveLoadState<Goal[]> {
  const api = useApi(environmentsApiRef);
  return useLiveLoad({
    key: `goals:${group ?? ''}`,
    load: () => api.listGoals(group ? { group } : {}),
    refreshIntervalMs: 0,
  });
}

/** One goal with its breakdown and what holds it back; nothing while `id` is undefined. */
export function useGoal(id: string | undefined): LiveLoadState<GoalDetail> {
  const api = useApi(environmentsApiRef);
  return useLiveLoad({
    key: id,
    load: () => api.getGoal(id!),
    refreshIntervalMs: 0,
  });
}
