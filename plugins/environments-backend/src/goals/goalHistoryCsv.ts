import { GOAL_METRICS, GoalHistory } from '@paved/plugin-environments-common';

const FIXED = [
  'day',
  'value',
  'target',
  'direction',
  'status',
  'onTrack',
  'example',
] as const;

/** A field as RFC 4180 has it: quoted when it holds a comma, a quote or a line end. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A goal's history as CSV for a spreadsheet: a header row, then one line per day with
 * the columns of the JSON answer and one column per statistic of the metric, in the
 * catalogue's order (then any a snapshot holds that the catalogue no longer names).
 */
export function goalHistoryCsv(history: GoalHistory): string {
  const statistics = [
    ...new Set([
      ...Object.keys(GOAL_METRICS[history.metric].statistics),
      ...history.items.flatMap(item => Object.keys(item.statistics)),
    ]),
  ];
  const lines = [[...FIXED, ...statistics].map(field).join(',')];
  for (const item of history.items) {
    const fixed = FIXED.map(column =>
      column === 'example' ? Boolean(item.example) : item[column],
    );
    const values = statistics.map(name => item.statistics[name]);
    lines.push([...fixed, ...values].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
