import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  Goal,
  GoalDetail,
  GoalHistory,
  GoalSnapshotRun,
  goalSnapshotPermission,
} from '@paved/plugin-environments-common';
import { getGoal } from '../useCases/getGoal';
import { getGoalHistory } from '../useCases/getGoalHistory';
import { listGoals } from '../useCases/listGoals';
import { seedExampleHistory } from '../useCases/seedExampleHistory';
import { sendWeeklyDigest } from '../useCases/sendWeeklyDigest';
import { snapshotGoals } from '../useCases/snapshotGoals';
import { GoalsContext } from './GoalsContext';

/** The shared goals, without HTTP: each method is one use case. */
export class GoalsService {
  constructor(private readonly ctx: GoalsContext) {}

  list(query: { group?: string }, now?: Date): Promise<Goal[]> {
    return listGoals(this.ctx, query, now);
  }

  get(
    id: string,
    credentials: BackstageCredentials,
    now?: Date,
  ): Promise<GoalDetail> {
    return getGoal(this.ctx, id, credentials, now);
  }

  /** Every snapshot of one goal between two days (both inclusive, both optional). */
  history(
    id: string,
    range: { from?: string; to?: string },
  ): Promise<GoalHistory> {
    return getGoalHistory(this.ctx, id, range);
  }

  /** `POST /goals/snapshots`: the daily job's snapshot, on demand, for whom may ask. */
  async snapshotOnDemand(
    credentials: BackstageCredentials,
  ): Promise<GoalSnapshotRun> {
    if (
      !(await this.ctx.authorizer.isAllowedBasic(
        goalSnapshotPermission,
        credentials,
      ))
    ) {
      throw new NotAllowedError(
        `You may not record goal snapshots (permission ${goalSnapshotPermission.name})`,
      );
    }
    return snapshotGoals(this.ctx);
  }

  /** The daily job's pass. */
  snapshot(now?: Date): Promise<GoalSnapshotRun> {
    return snapshotGoals(this.ctx, now);
  }

  /** At start: example history for goals that have none, if the portal asks for it. */
  seedExampleHistory(now?: Date): Promise<{ seeded: string[] }> {
    return seedExampleHistory(this.ctx, now);
  }

  /** The weekly job's pass. */
  digest(now?: Date): Promise<{ sent: number }> {
    return sendWeeklyDigest(this.ctx, now);
  }
}
