import { addDays, goalStatus } from './goalStatus';

const now = new Date('2026-12-10T12:00:00.000Z');
const today = '2026-12-10';
/** Values on the days before today, oldest first. */
const trend = (...values: number[]) =>
  values.map((value, i) => ({ day: addDays(today, i - values.length), value }));
const status = (
  value: number | null,
  history: Array<{ day: string; value: number | null }>,
  goal: Partial<{
    target: number;
    direction: 'atLeast' | 'atMost';
    due: string;
  }> = {},
) =>
  goalStatus({
    value,
    target: 90,
    direction: 'atLeast',
    due: '2026-12-20',
    now,
    trend: history,
    ...goal,
  });

describe('goalStatus', () => {
  it('is reached when the value meets the target, on either side', () => {
    expect(status(90, [])).toBe('reached');
    expect(status(12, [], { target: 24, direction: 'atMost' })).toBe('reached');
  });

  it('is on track when the line through the last 30 days meets the target by the due day', () => {
    // +2 a day: 80 today, 100 by the end of the 20th.
    expect(status(80, trend(74, 76, 78))).toBe('on-track');
    // +0.5 a day: 85 by then.
    expect(status(80, trend(78.5, 79, 79.5))).toBe('behind');
    // Hours going down fast enough.
    expect(
      status(30, trend(36, 34, 32), { target: 20, direction: 'atMost' }),
    ).toBe('on-track');
  });

  it('is behind with nothing to draw a line from, and ignores days older than 30', () => {
    expect(status(80, [])).toBe('behind');
    expect(status(80, [{ day: addDays(today, -31), value: 0 }])).toBe('behind');
    expect(status(80, [{ day: addDays(today, -3), value: null }])).toBe(
      'behind',
    );
  });

  it('is missed once the due day has ended unmet, and no-data without a value', () => {
    expect(status(80, trend(10, 40, 70), { due: '2026-12-09' })).toBe('missed');
    expect(status(80, trend(79), { due: today })).toBe('behind');
    expect(status(null, trend(50))).toBe('no-data');
  });
});
