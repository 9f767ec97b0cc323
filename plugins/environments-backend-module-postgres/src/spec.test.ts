import { validatePostgresSpec } from './spec';

function errorOf(spec: unknown): Error {
  try {
    validatePostgresSpec(spec);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the spec to be refused');
}

describe('validatePostgresSpec', () => {
  it('fills in defaults', () => {
    expect(validatePostgresSpec({})).toEqual({
      connectionLimit: 10,
      statementTimeout: '30s',
    });
    expect(validatePostgresSpec(undefined)).toEqual({
      connectionLimit: 10,
      statementTimeout: '30s',
    });
  });

  it.each(['500ms', '30s', '5min', '2h', '2147483647ms'])(
    'accepts the statement timeout %s',
    statementTimeout => {
      expect(
        validatePostgresSpec({ connectionLimit: 1000, statementTimeout }),
      ).toEqual({ connectionLimit: 1000, statementTimeout });
    },
  );

  it.each([
    [{ connectionLimit: 0 }, 'spec.connectionLimit: must be at least 1'],
    [{ connectionLimit: 1001 }, 'spec.connectionLimit: must be at most 1000'],
    [{ connectionLimit: 2.5 }, 'spec.connectionLimit: must be a whole number'],
    [{ connectionLimit: '10' }, 'spec.connectionLimit: must be a whole number'],
    [
      { statementTimeout: "30s'; DROP DATABASE x; --" },
      'spec.statementTimeout: must be a duration such as 500ms, 30s, 5min or 1h',
    ],
    [
      { statementTimeout: '0s' },
      'spec.statementTimeout: must be a duration such as 500ms, 30s, 5min or 1h',
    ],
    [
      { statementTimeout: '30 s' },
      'spec.statementTimeout: must be a duration such as 500ms, 30s, 5min or 1h',
    ],
    [
      { statementTimeout: '9999999h' },
      'spec.statementTimeout: must be at most 2147483647ms (about 24 days)',
    ],
    [
      { connectionLimit: 5, replicas: 2 },
      'spec: unknown setting "replicas" (allowed: connectionLimit, statementTimeout)',
    ],
    ['big', 'spec: must be an object'],
  ])('refuses %j', (spec, message) => {
    const error = errorOf(spec);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(message);
  });

  it('names every wrong field', () => {
    expect(
      errorOf({ connectionLimit: -1, statementTimeout: 'soon' }).message,
    ).toBe(
      'spec.connectionLimit: must be at least 1; spec.statementTimeout: must be a duration such as 500ms, 30s, 5min or 1h',
    );
  });
});
