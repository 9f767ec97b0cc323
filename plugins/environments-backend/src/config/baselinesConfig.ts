import { z } from 'zod';
import {
  Baseline,
  BaselineRule,
  BaselineRuleRegistry,
  RULE_SEVERITIES,
  RuleId,
} from '../baselines';

/** A rule of a baseline: one of the registered rules, with the values its schema takes. */
function ruleSchema(registry: BaselineRuleRegistry) {
  const ids = registry.ids();
  return z
    .object({
      id: z.enum(ids as [RuleId, ...RuleId[]], {
        error: `must be one of ${ids.join(', ')}`,
      }),
      severity: z.enum(RULE_SEVERITIES as [string, ...string[]], {
        error: `must be one of ${RULE_SEVERITIES.join(', ')}`,
      }),
      message: z.string().min(1),
      link: z.string().min(1),
      params: z.record(z.string(), z.unknown()).default({}),
    })
    .strict()
    .superRefine((rule, ctx) => {
      // The link is the rule's section of the guidelines, whose anchor is the rule id.
      if (!rule.link.endsWith(`#${rule.id}`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['link'],
          message: `must link to the rule's section, ending in #${rule.id}`,
        });
      }
      const params = registry.get(rule.id)!.params.safeParse(rule.params);
      if (!params.success) {
        for (const issue of params.error.issues) {
          ctx.addIssue({
            code: 'custom',
            path: ['params', ...issue.path.map(p => p as string | number)],
            message: issue.message,
          });
        }
      }
    });
}

/** `environments.baselines`: each baseline's parent and its rules, by baseline name. */
export function baselinesSchema(registry: BaselineRuleRegistry) {
  const baselineSchema = z
    .object({
      extends: z.string().min(1).optional(),
      description: z.string().optional(),
      rules: z.array(ruleSchema(registry)).default([]),
    })
    .strict();
  return z.record(z.string(), baselineSchema).default({});
}

/**
 * An inherited rule's link, pointed at the child baseline's own guideline page when it
 * pointed at the parent's (`…/baselines/staging/#id` → `…/baselines/production/#id`):
 * each baseline's page documents every rule it enforces, with its own values and drift
 * policy, so a finding on a production database should not send its reader to staging's.
 * Any other link is kept as written.
 */
function inheritedLink(link: string, parent: string, child: string): string {
  const parentPage = `/baselines/${parent}/#`;
  const at = link.lastIndexOf(parentPage);
  if (at < 0) return link;
  return `${link.slice(0, at)}/baselines/${child}/#${link.slice(
    at + parentPage.length,
  )}`;
}

/** Each baseline with the rules it inherits; a rule of its own replaces the parent's of that id. */
export function resolveBaselines(
  raw: z.output<ReturnType<typeof baselinesSchema>>,
  registry: BaselineRuleRegistry,
): Map<string, Baseline> {
  const resolved = new Map<string, Baseline>();
  const resolve = (name: string, chain: string[]): Baseline => {
    const done = resolved.get(name);
    if (done) return done;
    const own = raw[name];
    if (chain.includes(name)) {
      throw new Error(
        `Invalid environments configuration: environments.baselines.${
          chain[0]
        }.extends: inheritance goes round in a circle (${[...chain, name].join(
          ' -> ',
        )})`,
      );
    }
    const rules = new Map<RuleId, BaselineRule>();
    if (own.extends) {
      if (!raw[own.extends]) {
        throw new Error(
          `Invalid environments configuration: environments.baselines.${name}.extends: there is no baseline named "${own.extends}"`,
        );
      }
      for (const [id, rule] of resolve(own.extends, [...chain, name]).rules) {
        rules.set(id, {
          ...rule,
          link: inheritedLink(rule.link, own.extends, name),
        });
      }
    }
    for (const rule of own.rules) {
      rules.set(rule.id, {
        ...rule,
        severity: rule.severity as BaselineRule['severity'],
        params: registry.get(rule.id)!.params.parse(rule.params),
      });
    }
    const baseline = new Baseline(name, rules, registry);
    resolved.set(name, baseline);
    return baseline;
  };
  for (const name of Object.keys(raw)) resolve(name, []);
  return resolved;
}
