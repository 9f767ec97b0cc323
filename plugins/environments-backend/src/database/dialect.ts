import { Knex } from 'knex';

/** A column value as either engine hands it back: text in SQLite, a Date in PostgreSQL. */
export type Timestamp = string | Date;

/** ISO strings compare correctly as text in SQLite and as timestamps in PostgreSQL. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

export function iso(value: Timestamp | null | undefined): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return new Date(value).toISOString();
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** A unique index refused the write: the same request raced this one, or the name is taken. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

/** SQLite limits how many values one statement may bind; larger lists go in chunks. */
export const CHUNK = 500;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
