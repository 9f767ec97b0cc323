import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readGoalsConfig } from './goalsConfig';

const goal = {
  id: 'fast-previews',
  title: 'Previews are ready within an hour',
  owner: 'group:platform-team',
  metric: 'provisioning-lead-time',
  scope: { class: 'preview' },
  target: 1,
  due: '2027-03-31',
};

const read = (goals: unknown) =>
  readGoalsConfig(new ConfigReader({ environments: { goals } as any }), [
    'preview',
    'production',
  ]);

describe('readGoalsConfig', () => {
  it('takes the statistic, unit and direction from the metric unless the goal says', () => {
    const [lead, retries, budget] = read([
      goal,
      { ...goal, id: 'first-time', statistic: 'noRetryShare', target: 90 },
      {
        ...goal,
        id: 'budget',
        metric: 'cost-against-budget',
        scope: { owner: 'group:default/Checkout-Team', tier: 'production' },
        target: { atMost: 1200 },
      },
    ]);
    expect(lead).toEqual({
      id: 'fast-previews',
      title: 'Previews are ready within an hour',
      description: undefined,
      owner: 'group:default/platform-team',
      metric: 'provisioning-lead-time',
      statistic: 'p90',
      unit: 'hours',
      scope: { class: 'preview' },
      target: 1,
      direction: 'atMost',
      windowDays: 30,
      due: '2027-03-31',
    });
    expect(retries).toMatchObject({
      statistic: 'noRetryShare',
      unit: 'percent',
      direction: 'atLeast',
    });
    expect(budget).toMatchObject({
      statistic: 'monthlyCost',
      unit: 'currency',
      direction: 'atMost',
      target: 1200,
      scope: { owner: 'group:default/checkout-team', tier: 'production' },
      windowDays: undefined,
    });
    expect(read([{ ...goal, window: '7d' }])[0].windowDays).toBe(7);
    expect(read(undefined)).toEqual([]);
  });

  it.each([
    [
      { metric: 'x' },
      'environments.goals[2].metric: unknown metric "x"; one of baseline-conformance, drift-time-to-resolve, provisioning-lead-time, operation-success, ephemeral-hygiene, self-service-share, cost-against-budget',
    ],
    [
      { statistic: 'p99' },
      'environments.goals[2].statistic: the provisioning-lead-time metric has no statistic "p99"; one of p50, p90, noRetryShare, requested',
    ],
    [
      { scope: { class: 'gold' } },
      'environments.goals[2].scope.class: there is no class named "gold" in environments.classes',
    ],
    [
      { scope: { team: 'a' } },
      'environments.goals[2].scope: Unrecognized key: "team"',
    ],
    [
      { owner: 'user:default/guest' },
      'environments.goals[2].owner: must be a group ref such as group:default/platform-team',
    ],
    [
      { target: 'fast' },
      'environments.goals[2].target: must be a number, or { atLeast: <number> } or { atMost: <number> }',
    ],
    [
      { metric: 'baseline-conformance', target: 120 },
      'environments.goals[2].target: is a percentage for conformance: between 0 and 100',
    ],
    [
      { metric: 'cost-against-budget', window: '7d' },
      'environments.goals[2].window: the cost-against-budget metric measures the current state and takes no window',
    ],
    [
      { window: '36h' },
      'environments.goals[2].window: must be a whole number of days such as 30d',
    ],
    [
      { due: 'soon' },
      'environments.goals[2].due: must be a date such as 2027-03-31',
    ],
    [
      { id: 'first' },
      'environments.goals[2].id: "first" is already the id of another goal',
    ],
  ])('refuses %j naming the key', (change, message) => {
    const goals = [
      { ...goal, id: 'first' },
      { ...goal, id: 'second' },
      { ...goal, id: 'third', ...change },
    ];
    expect(() => read(goals)).toThrow(
      `Invalid environments configuration: ${message}`,
    );
  });

  it("reads the portal's own goals", () => {
    const root = path.resolve(__dirname, '../../../..');
    const portal = parse(
      fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    );
    const classes = portal.environments.classes.map((c: any) => c.name);
    const goals = readGoalsConfig(new ConfigReader(portal), classes);
    expect(goals.map(g => g.id)).toEqual([
      'production-baseline',
      'dev-ready-in-minutes',
      'golden-paths',
      'previews-clean-up',
      'checkout-budget',
    ]);
  });
});
