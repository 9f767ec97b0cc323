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
  example: boolean | number;
}

/** The `goal_snapshots` and `goal_notices` tables. */
export class DatabaseGoalStore implements GoalStore {
  constructor(private readonly db: Knex) {}

  async saveSnapshots(snapshots: GoalSnapshotRecord[], now: Date) {
    if (!snapshots.length) return;
    // Both engines upsert on the primary key: the day's last snapshot is the one kept,
    // and a measured one replaces an example one.
    await this.db('goal_snapshots')
      .insert(snapshots.map(s => toRow(s, false, now)))
      .onConflict(['goal_id', 'day'])
      .merge([
        'value',
        'target',
        'direction',
        'status',
        'statistics',
        'example',
        'taken_at',
      ]);
  }

  async listSnapshots(goalIds: string[], sinceDay: string, untilDay?: string) {
    const rows: SnapshotRow[] = [];
    for (const part of chunks(goalIds)) {
      const query = this.db<SnapshotRow>('goal_snapshots')
        .whereIn('goal_id', part)
        .where('day', '>=', sinceDay)
        .orderBy('day')
        .orderBy('goal_id');
      if (untilDay) query.where('day', '<=', untilDay);
      rows.push(...(await query));
    }
    return rows.map(toRecord);
  }

  async goalsWithSnapshots(goalIds: string[]) {
    const found = new Set<string>();
    for (const part of chunks(goalIds)) {
      const rows = await this.db('goal_snapshots')
        .whereIn('goal_id', part)
        .distinct('goal_id');
      for (const row of rows) found.add(row.goal_id);
    }
    return found;
  }

  async seedExampleSnapshots(snapshots: GoalSnapshotRecord[], now: Date) {
    const rows = snapshots.map(s => toRow(s, true, now));
    // A row per goal and day at most: the day of a measured snapshot is left alone.
    for (const part of chunks(rows, 100)) {
      await this.db('goal_snapshots')
        .insert(part)
        .onConflict(['goal_id', 'day'])
        .ignore();
    }
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

function toRow(s: GoalSnapshotRecord, example: boolean, now: Date) {
  return {
    goal_id: s.goalId,
    day: s.day,
    value: s.value,
    target: s.target,
    direction: s.direction,
    status: s.status,
    statistics: JSON.stringify(s.statistics),
    example,
    taken_at: toTimestamp(now),
  };
}

function toRecord(row: SnapshotRow): GoalSnapshotRecord {
  return {
    goalId: row.goal_id,
    day: row.day,
    value: num(row.value),
    target: Number(row.target),
    direction: row.direction as GoalSnapshotRecord['direction'],
    status: row.status as GoalStatus,
    statistics: JSON.parse(row.statistics),
    // SQLite hands a boolean back as 0 or 1.
    ...(Boolean(row.example) && { example: true }),
  };
}
