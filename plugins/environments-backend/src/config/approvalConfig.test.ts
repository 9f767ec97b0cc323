import { ConfigReader } from '@backstage/config';
import { BaselineRuleRegistry, CORE_BASELINE_RULES } from '../baselines';
import { readEnvironmentsConfig } from './readEnvironmentsConfig';

const registered = new BaselineRuleRegistry([
  { source: 'the environments backend', rules: CORE_BASELINE_RULES },
]);
const production = {
  name: 'production',
  tier: 'production',
  lifecycle: 'static',
};

const read = (approval: any, paved?: object) =>
  readEnvironmentsConfig(
    new ConfigReader({
      environments: { classes: [{ ...production, approval }] },
      ...(paved && { paved }),
    }),
    registered,
  );

describe('environments.classes[].approval', () => {
  it('reads the triggers, with the platform group as default approvers and 7 days to decide', () => {
    const config = read(
      {
        always: true,
        monthlyBudget: 200,
        resourceTypes: ['postgres-database'],
      },
      { permissions: { platformGroup: 'group:default/platform-team' } },
    );
    expect(config.classes.get('production')!.approval).toEqual({
      approvers: 'group:default/platform-team',
      always: true,
      monthlyBudget: 200,
      resourceTypes: ['postgres-database'],
      highSeverity: false,
      selfApproval: false,
      expireAfterMs: 7 * 86_400_000,
    });
  });

  it.each([
    [
      { approvers: 'user:default/priya' },
      'environments.classes[0].approval.approvers: must be a group ref',
    ],
    [
      { expireAfter: 'soon' },
      'environments.classes[0].approval.expireAfter: must be a duration',
    ],
    [{ always: 'yes' }, 'environments.classes[0].approval.always'],
    [{ when: 'always' }, 'environments.classes[0].approval'],
    [
      { always: true },
      'environments.classes[0].approval.approvers: is required when paved.permissions.platformGroup is not set',
    ],
  ])('refuses %j, naming the key', (approval, message) => {
    expect(() => read(approval)).toThrow(message);
  });
});
