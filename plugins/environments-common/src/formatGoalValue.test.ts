import { formatGoalValue } from './formatGoalValue';

describe('formatGoalValue', () => {
  it.each([
    [10 / 3600, 'hours', '10 s'],
    [0.25, 'hours', '15 min'],
    [6.24, 'hours', '6.2 h'],
    [72, 'hours', '3 days'],
    [0, 'hours', '0 min'],
    [97.54, 'percent', '97.5%'],
    [1234.4, 'currency', '$1,234'],
    [3, 'count', '3'],
  ] as const)('says %p %s as %s', (value, unit, text) => {
    expect(formatGoalValue(value, { unit })).toBe(text);
  });

  it('says a cost in the goal’s currency and no number as no data', () => {
    expect(formatGoalValue(540, { unit: 'currency', currency: 'EUR' })).toBe(
      '€540',
    );
    expect(formatGoalValue(null, { unit: 'percent' })).toBe('no data');
  });
});
