import { requestProblems, responseProblems } from './documentChecks';

describe('the checks against the document', () => {
  const environment = {
    id: 'e1',
    name: 'pr-1',
    class: 'preview',
    tier: 'preview',
    lifecycle: 'ephemeral',
    status: 'ready',
    owner: 'group:default/checkout-team',
    entityRef: 'component:default/checkout-api',
    createdBy: 'user:default/mock',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    resources: [],
    estimatedMonthlyCost: { amount: 0, currency: 'USD' },
  };

  it('accept a body that is right', () => {
    expect(responseProblems('getEnvironment', 200, environment)).toEqual([]);
  });

  it('report a missing required field, an extra field and a wrong value', () => {
    const { status: _, ...withoutStatus } = environment;
    expect(responseProblems('getEnvironment', 200, withoutStatus)).toEqual([
      "GET /environments/{id} 200 must have required property 'status'",
    ]);
    expect(
      responseProblems('getEnvironment', 200, { ...environment, secret: 'x' }),
    ).toEqual([
      'GET /environments/{id} 200 must NOT have additional properties (secret)',
    ]);
    expect(
      responseProblems('getEnvironment', 200, {
        ...environment,
        createdAt: 'yesterday',
      }),
    ).toEqual([
      'GET /environments/{id} 200/createdAt must match format "date-time"',
    ]);
  });

  it('report a status the document does not list, and a wrong error body', () => {
    expect(responseProblems('getEnvironment', 409, {})).toEqual([
      'GET /environments/{id} 409: the document does not list this status',
    ]);
    expect(
      responseProblems('getEnvironment', 404, {
        error: { name: 'Error', message: 'x' },
        response: { statusCode: 500 },
      }),
    ).toEqual([
      'GET /environments/{id} 404: response.statusCode is 500',
      'GET /environments/{id} 404: error.name is Error, not NotFoundError',
    ]);
    expect(
      responseProblems('revealSecret', 200, { connectionString: 'x' }),
    ).toEqual(['GET /resources/{id}/secret 200: header Cache-Control missing']);
  });

  it('report a request the document refuses', () => {
    expect(
      requestProblems('listEnvironments', { query: { limit: '0' } }),
    ).toEqual(['limit must be >= 1']);
    expect(
      requestProblems('extendEnvironment', { params: { id: 'e1' } }),
    ).toEqual(['body: required']);
  });
});
