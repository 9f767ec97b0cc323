import { Measure, MetricMeasure } from './MetricStore';

interface Grouped {
  owner: string;
  class: string;
}

/**
 * A metric's measure over the whole scope and per owner and per class, from rows that
 * carry their owner and class: `finish` turns any set of rows into the measure.
 */
export function measureGroups<R extends Grouped>(
  rows: R[],
  finish: (rows: R[]) => Measure,
): MetricMeasure {
  const by = (key: 'owner' | 'class') => {
    const groups = new Map<string, R[]>();
    for (const row of rows) {
      const list = groups.get(row[key]) ?? [];
      list.push(row);
      groups.set(row[key], list);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, list]) => ({ key: k, ...finish(list) }));
  };
  return { total: finish(rows), byOwner: by('owner'), byClass: by('class') };
}

/** Sums counted columns over rows. */
export function sum<R>(rows: R[], pick: (row: R) => number): number {
  return rows.reduce((total, row) => total + pick(row), 0);
}

/** A share in percent, to two decimals; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  return whole ? round2((100 * part) / whole) : null;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The p-th percentile (0–1) of sorted values, interpolated between the closest ranks as
 * PostgreSQL's percentile_cont does; null for no values.
 */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return round2(sorted[low] + (sorted[high] - sorted[low]) * (rank - low));
}

export const ascending = (values: number[]) =>
  [...values].sort((a, b) => a - b);
