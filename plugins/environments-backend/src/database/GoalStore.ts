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
  /** Made up for the example history, not measured: never counted for status or notices. */
  example?: boolean;
}

/** The goals' history and the notices already sent about them. */
export interface GoalStore {
  /** One row per goal and day: a second snapshot of the day replaces the first. */
  saveSnapshots(snapshots: GoalSnapshotRecord[], now: Date): Promise<void>;
  /**
   * Snapshots of these goals from `sinceDay` on, to `untilDay` when given (both
   * inclusive), oldest first.
   */
  listSnapshots(
    goalIds: string[],
    sinceDay: string,
    untilDay?: string,
  ): Promise<GoalSnapshotRecord[]>;
  /** Of these goals, the ones with at least one snapshot, example or measured. */
  goalsWithSnapshots(goalIds: string[]): Promise<Set<string>>;
  /**
   * Stores example snapshots where there is none for the goal and day yet, so seeding
   * twice, or on two replicas at once, stores them once.
   */
  seedExampleSnapshots(
    snapshots: GoalSnapshotRecord[],
    now: Date,
  ): Promise<void>;
  /**
   * Claims a notice (`reached:…`, `digest:…`): true for the one call that did, so it
   * goes out once whichever replica and pass sends it.
   */
  claimNotice(notice: string, now: Date): Promise<boolean>;
  /** Gives a claimed notice back when it could not be sent, so a later pass tries again. */
  releaseNotice(notice: string): Promise<void>;
}
