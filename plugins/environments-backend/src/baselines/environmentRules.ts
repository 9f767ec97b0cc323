import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';

const none = z.object({}).strict();
const code = (value: string) => `\`${value}\``;

const GROUP = 'Environment rules';

export const environmentTtl = createBaselineRule({
  id: 'environment.ttl',
  params: none,
  checkEnvironment: (_, environment) => {
    if (environment.lifecycle === 'ephemeral' && !environment.expiresAt) {
      return [{ field: 'ttl', expected: 'an expiry', observed: 'none' }];
    }
    if (environment.lifecycle === 'static' && environment.expiresAt) {
      return [
        {
          field: 'ttl',
          expected: 'no expiry',
          observed: environment.expiresAt,
        },
      ];
    }
    return [];
  },
  restorable: false,
  description: {
    group: GROUP,
    checks:
      "Ephemeral environments have a TTL within their class's bounds; static ones have none.",
    today: [
      'A preview environment lives 24h unless you ask for another TTL, at most 7d, also when',
      'extended. A request with a TTL for a static class is refused',
      '([Extend](../environments/requesting.md#extend), [TTLs](../naming.md#ttl)).',
    ].join('\n'),
    expected: (_, { classes }) => {
      const lifecycles = new Set(classes.map(c => c.lifecycle));
      if (lifecycles.size === 1 && lifecycles.has('static')) {
        return 'No expiry: environments of this class are static.';
      }
      if (
        lifecycles.size === 1 &&
        lifecycles.has('ephemeral') &&
        classes.every(c => c.ttl)
      ) {
        const each = classes.map(
          c =>
            `An expiry. The ${c.name} class gives ${code(
              c.ttl!.default,
            )} unless the request asks for another, and at most ${code(
              c.ttl!.max,
            )}, also when extended.`,
        );
        return [...new Set(each)].join(' ');
      }
      return 'An expiry for environments of an ephemeral class; none for a static one.';
    },
  },
});

export const environmentOwnerIsGroup = createBaselineRule({
  id: 'environment.owner-is-group',
  params: none,
  checkEnvironment: (_, environment) =>
    environment.owner.startsWith('group:')
      ? []
      : [
          {
            field: 'owner',
            expected: 'a group (group:…)',
            observed: environment.owner,
          },
        ],
  restorable: false,
  description: {
    group: GROUP,
    checks: 'Every environment is owned by a group, not by a person.',
    today: [
      'The owner must be written as a group reference such as `group:default/checkout-team`',
      '([Owners](../naming.md#references)). Whether the group exists in the catalog is not',
      'checked yet.',
    ].join('\n'),
    expected: () =>
      'An owner written as a group reference, such as `group:default/checkout-team`.',
  },
});

export const environmentNamePattern = createBaselineRule({
  id: 'environment.name-pattern',
  params: z
    .object({
      pattern: z.string().refine(isRegExp, 'must be a regular expression'),
    })
    .strict(),
  checkEnvironment: ({ pattern }, environment) =>
    new RegExp(pattern).test(environment.name)
      ? []
      : [
          {
            field: 'name',
            expected: `matching ${pattern}`,
            observed: environment.name,
          },
        ],
  restorable: false,
  description: {
    group: GROUP,
    checks: 'Environment names follow the naming rule.',
    today: [
      'A name is a DNS label of at most 30 characters, unique per component or system',
      '([Naming](../naming.md#environment-names)).',
    ].join('\n'),
    expected: ({ pattern }) =>
      `A name matching the regular expression ${code(pattern)}.`,
  },
});

export const environmentMaxResources = createBaselineRule({
  id: 'environment.max-resources',
  params: z.object({ max: z.number().int().min(0) }).strict(),
  checkEnvironment: ({ max }, environment) =>
    environment.resourceCount > max
      ? [
          {
            field: 'resources',
            expected: `at most ${max}`,
            observed: String(environment.resourceCount),
          },
        ]
      : [],
  restorable: false,
  description: {
    group: GROUP,
    checks: 'How many resources an environment of the class may have.',
    today: [
      "Besides the baseline's limit, a single request may list at most 20 resources, and each",
      'resource type must be one the class allows.',
    ].join('\n'),
    expected: ({ max }) =>
      `At most ${max} ${
        max === 1 ? 'resource' : 'resources'
      } in an environment.`,
  },
});

export const environmentCostBudget = createBaselineRule({
  id: 'environment.cost-budget',
  params: z.object({ max: z.number().min(0) }).strict(),
  checkEnvironment: ({ max }, environment) =>
    environment.monthlyCost > max
      ? [
          {
            field: 'estimatedMonthlyCost',
            expected: `at most ${max}`,
            observed: String(environment.monthlyCost),
          },
        ]
      : [],
  restorable: false,
  description: {
    group: GROUP,
    checks: [
      "An environment's [estimated monthly cost](../cost.md#estimate) stays within a budget for",
      'its class.',
    ].join('\n'),
    today: [
      'The estimate is shown in dry-run plans and on cards. Besides the budget, each class',
      'limits how many environments a group may have',
      '([Classes](../environments/classes.md#overview)).',
    ].join('\n'),
    expected: ({ max }, { currency }) =>
      `An estimated monthly cost of at most ${max} ${currency}.`,
  },
});

/** The environment's own rules, in the order their findings are listed. */
export const ENVIRONMENT_RULES = [
  environmentTtl,
  environmentOwnerIsGroup,
  environmentNamePattern,
  environmentMaxResources,
  environmentCostBudget,
];

function isRegExp(value: string): boolean {
  try {
    return new RegExp(value) instanceof RegExp;
  } catch {
    return false;
  }
}
