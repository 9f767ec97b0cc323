import { checkExtendTtl } from './checkExtendTtl';

const now = Date.parse('2026-11-20T10:00:00Z');
const inHours = (h: number) => new Date(now + h * 3_600_000).toISOString();

describe('checkExtendTtl', () => {
  it('accepts a duration within the class maximum that does not shorten', () => {
    expect(
      checkExtendTtl({ ttl: '2d', maxTtl: '7d', expiresAt: inHours(5), now }),
    ).toBeUndefined();
    expect(
      checkExtendTtl({ ttl: ' 7d ', maxTtl: '7d', expiresAt: inHours(5), now }),
    ).toBeUndefined();
  });

  it.each([
    ['', 'Use a whole number and one unit: 30m, 4h or 7d'],
    ['1.5h', 'Use a whole number and one unit: 30m, 4h or 7d'],
    ['0h', 'Use a whole number and one unit: 30m, 4h or 7d'],
    ['8d', 'At most 7d: the longest its class allows'],
    ['169h', 'At most 7d: the longest its class allows'],
    ['4h', 'It already has 5h left; extending never shortens it'],
  ])('refuses %p', (ttl, message) => {
    expect(
      checkExtendTtl({ ttl, maxTtl: '7d', expiresAt: inHours(5), now }),
    ).toBe(message);
  });

  it('leaves the maximum to the server while the class is unknown', () => {
    expect(
      checkExtendTtl({ ttl: '30d', expiresAt: inHours(5), now }),
    ).toBeUndefined();
  });
});
