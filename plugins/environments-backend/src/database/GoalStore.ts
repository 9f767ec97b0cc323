import { GoalStatus } from '@paved/plugin-environments-common';

/** One day of one goal, as stored. */
export interface GoalSnapshotRecord {
  goalId: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  value: number | null;
  target: number;
  direction: 'atLeast' | 'atMost';
  status: GoalStatus;
  statistics: Record<string, number | null>;
}

/** The goals' history and the notices already sent about them. */
export interface GoalStore {
  /** One row per goal and day: a second snapshot of the day replaces the first. */
  saveSnapshots(snapshots: GoalSnapshotRecord[], now: Date): Promise<void>;
  /** Snapshots of these goals from `sinceDay` on (inclusive), oldest first. */
  listSnapshots(
    goalIds: string[],
    sinceDay: string,
  ): Promise<GoalSnapshotRecord[]>;
  /**
   * Claims a notice (`reached:…`, `digest:…`): true for the one call that did, so it
   * goes out once whichever replica and pass sends it.
   */
  claimNotice(notice: string, now: Date): Promise<boolean>;
  /** Gives a claimed notice back when it could not be sent, so a later pass tries again. */
  releaseNotice(notice: string): Promise<void>;
}
