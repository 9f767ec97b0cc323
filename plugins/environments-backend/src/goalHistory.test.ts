import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createTestEnvironments } from './__testUtils__/createTestEnvironments';
import {
  days,
  GOAL_TEST_CLASSES,
  goalConfig,
  NOW,
  PROD,
  seeder,
} from './__testUtils__/seedGoalData';
import { createRouter } from './router';

const conformance = goalConfig('baseline-conformance', {
  id: 'conformance',
  title: 'Environments meet their baseline',
  target: 75,
});
const day = (n: number) => new Date(NOW.getTime() + days(n) * 3600_000);

describe.each(
  TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] }).eachSupportedId(),
)('goal history export on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [databaseId] });

  /**
   * A day of example history, then two measured days: 50% of two live environments,
   * then 66.67% of three, on track by then.
   */
  async function threeDays() {
    const knex = await databases.init(databaseId);
    const t = await createTestEnvironments({
      knex,
      classes: GOAL_TEST_CLASSES,
      goals: [conformance],
    });
    await t.store.goals.seedExampleSnapshots(
      [
        {
          goalId: 'conformance',
          day: '2026-12-09',
          value: 40,
          target: 75,
          direction: 'atLeast',
          status: 'behind',
          statistics: { conformance: 40 },
        },
      ],
      NOW,
    );
    const seed = seeder(knex);
    await seed.environment('e1');
    await seed.environment('e2', { ...PROD, status: 'degraded' });
    await seed.finding('f1', 'e2');
    await t.goals.snapshot(NOW);
    await seed.environment('e3');
    await t.goals.snapshot(day(1));

    const app = express();
    app.use(await createRouter({ httpAuth: mockServices.httpAuth(), ...t }));
    app.use(mockErrorHandler());
    return request(app);
  }

  it('exports every snapshot as CSV, the example day marked, as an attachment', async () => {
    const api = await threeDays();
    const res = await api.get('/goals/conformance/history?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="conformance-history.csv"',
    );
    expect(res.text).toBe(
      [
        'day,value,target,direction,status,onTrack,example,conformance,live',
        '2026-12-09,40,75,atLeast,behind,false,true,40,',
        '2026-12-10,50,75,atLeast,behind,false,false,50,2',
        '2026-12-11,66.67,75,atLeast,on-track,true,false,66.67,3',
        '',
      ].join('\r\n'),
    );

    const oneDay = await api
      .get('/goals/conformance/history')
      .query({ format: 'csv', from: '2026-12-10', to: '2026-12-10' });
    expect(oneDay.text.split('\r\n').slice(1)).toEqual([
      '2026-12-10,50,75,atLeast,behind,false,false,50,2',
      '',
    ]);
  });

  it('exports the same history as JSON by default', async () => {
    const api = await threeDays();
    const res = await api.get('/goals/conformance/history?from=2026-12-10');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="conformance-history.json"',
    );
    expect(res.body).toEqual({
      goalId: 'conformance',
      title: 'Environments meet their baseline',
      metric: 'baseline-conformance',
      statistic: 'conformance',
      unit: 'percent',
      items: [
        {
          day: '2026-12-10',
          value: 50,
          target: 75,
          direction: 'atLeast',
          status: 'behind',
          onTrack: false,
          statistics: { conformance: 50, live: 2 },
        },
        {
          day: '2026-12-11',
          value: 66.67,
          target: 75,
          direction: 'atLeast',
          status: 'on-track',
          onTrack: true,
          statistics: { conformance: 66.67, live: 3 },
        },
      ],
    });
  });

  it('answers 404 for a goal it does not know, and 400 naming a bad day', async () => {
    const api = await threeDays();
    const unknown = await api.get('/goals/nope/history?format=csv');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'There is no goal "nope"; the goals are conformance',
    );

    const refusals: Array<[object, string]> = [
      [{ from: '2026-13-01' }, 'from: must be a day, YYYY-MM-DD'],
      [{ to: 'yesterday' }, 'to: must be a day, YYYY-MM-DD'],
      [{ from: '2026-12-11', to: '2026-12-10' }, 'to: must not be before from'],
      [{ format: 'xlsx' }, 'format: must be json or csv'],
    ];
    for (const [query, message] of refusals) {
      const res = await api.get('/goals/conformance/history').query(query);
      expect([res.status, res.body.error.message]).toEqual([400, message]);
    }
  });
});
