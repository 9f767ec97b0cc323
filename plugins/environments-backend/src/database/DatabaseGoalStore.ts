import { GoalStatus } from '@paved/plugin-environments-common';
import { Knex } from 'knex';
import { chunks, isUniqueViolation, toTimestamp } from './dialect';
import { GoalSnapshotRecord, GoalStore } from './GoalStore';

interface SnapshotRow {
  goal_id: string;
  day: string;
  value: number | string | null;
  target: number | string;
  direction: string;
  status: string;
  statistics: string;
}

/** The `goal_snapshots` and `goal_notices` tables. */
export class DatabaseGoalStore implements GoalStore {
  constructor(private readonly db: Knex) {}

  async saveSnapshots(snapshots: GoalSnapshotRecord[], now: Date) {
    if (!snapshots.length) return;
    const rows = snapshots.map(s => ({
      goal_id: s.goalId,
      day: s.day,
      value: s.value,
      target: s.target,
      direction: s.direction,
      status: s.status,
      statistics: JSON.stringify(s.statistics),
      taken_at: toTimestamp(now),
    }));
    // Both engines upsert on the primary key: the day's last snapshot is the one kept.
    await this.db('goal_snapshots')
      .insert(rows)
      .onConflict(['goal_id', 'day'])
      .merge([
        'value',
        'target',
        'direction',
        'status',
        'statistics',
        'taken_at',
      ]);
  }

  async listSnapshots(goalIds: string[], sinceDay: string) {
    const rows: SnapshotRow[] = [];
    for (const part of chunks(goalIds)) {
      rows.push(
        ...(await this.db<SnapshotRow>('goal_snapshots')
          .whereIn('goal_id', part)
          .where('day', '>=', sinceDay)
          .orderBy('day')
          .orderBy('goal_id')),
      );
    }
    return rows.map(toRecord);
  }

  async claimNotice(notice: string, now: Date) {
    try {
      await this.db('goal_notices').insert({
        notice,
        sent_at: toTimestamp(now),
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async releaseNotice(notice: string) {
    await this.db('goal_notices').where({ notice }).delete();
  }
}

// PostgreSQL hands double precision back as a number; keep a string from a driver as one.
const num = (value: number | string | null) =>
  value === null ? null : Number(value);

function toRecord(row: SnapshotRow): GoalSnapshotRecord {
  return {
    goalId: row.goal_id,
    day: row.day,
    value: num(row.value),
    target: Number(row.target),
    direction: row.direction as GoalSnapshotRecord['direction'],
    status: row.status as GoalStatus,
    statistics: JSON.parse(row.statistics),
  };
}
