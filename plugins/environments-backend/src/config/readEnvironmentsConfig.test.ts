import { ConfigReader } from '@backstage/config';
import { postgresBaselineRules } from '@paved/plugin-environments-backend-module-postgres';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BaselineRuleRegistry, CORE_BASELINE_RULES } from '../baselines';
import { readEnvironmentsConfig } from './readEnvironmentsConfig';

// The rules of the portal's backend: the PostgreSQL provider's, then the core's.
const registered = new BaselineRuleRegistry([
  { source: 'the postgres provider', rules: postgresBaselineRules },
  { source: 'the environments backend', rules: CORE_BASELINE_RULES },
]);

const isGitops = (id: string) => id.startsWith('kubernetes.');

const LINK = '/docs/default/component/platform-guidelines/baselines/#';
const rule = (id: string, severity = 'blocking', params?: object) => ({
  id,
  severity,
  message: `${id} broken`,
  link: `${LINK}${id}`,
  ...(params && { params }),
});
const root = path.resolve(__dirname, '../../../..');
const GUIDELINES = '/docs/default/component/platform-guidelines/';

/**
 * The markdown file a TechDocs link to the guidelines opens (mkdocs directory URLs):
 * `baselines/production/#…` is docs/baselines/production.md, `baselines/#…` is
 * docs/baselines/index.md.
 */
function pageOf(link: string): string {
  expect(link.startsWith(GUIDELINES)).toBe(true);
  const dir = link.slice(GUIDELINES.length).split('#')[0].replace(/\/$/, '');
  const file = [`docs/${dir}.md`, `docs/${dir}/index.md`]
    .map(candidate => path.join(root, candidate))
    .find(candidate => fs.existsSync(candidate));
  if (!file) throw new Error(`${link} names no page of docs/`);
  return file;
}

const preview = {
  name: 'preview',
  tier: 'preview',
  lifecycle: 'ephemeral',
  ttl: { default: '24h', max: '7d' },
  resources: { 'postgres-database': { target: 'embedded', monthlyCost: 4 } },
};

function read(classes: any[], extra: object = {}) {
  return readEnvironmentsConfig(
    new ConfigReader({ environments: { classes, ...extra } }),
    registered,
  );
}

describe('readEnvironmentsConfig', () => {
  it('reads classes with their TTL policy and prices', () => {
    const config = read([
      preview,
      { name: 'staging', tier: 'staging', lifecycle: 'static' },
    ]);
    expect(config.currency).toBe('USD');
    expect(config.classes.get('preview')).toEqual({
      name: 'preview',
      tier: 'preview',
      lifecycle: 'ephemeral',
      description: undefined,
      maxEnvironmentsPerOwner: 25,
      baseMonthlyCost: 0,
      resources: {
        'postgres-database': { target: 'embedded', monthlyCost: 4 },
      },
      ttl: {
        defaultMs: 86_400_000,
        maxMs: 604_800_000,
        warnBeforeMs: 8_640_000,
      },
      baseline: { name: '', rules: new Map() },
      drift: 'report',
    });
    expect(config.classes.get('staging')?.ttl).toBeUndefined();
  });

  it.each([
    [
      'an unknown tier',
      [{ ...preview, tier: 'prod' }],
      /environments\.classes\[0\]\.tier: /,
    ],
    [
      'an ephemeral class without a TTL',
      [{ ...preview, ttl: undefined }],
      /environments\.classes\[0\]\.ttl: is required for an ephemeral class/,
    ],
    [
      'a TTL on a static class',
      [{ ...preview, lifecycle: 'static' }],
      /environments\.classes\[0\]\.ttl: is only for ephemeral classes/,
    ],
    [
      'a TTL that is not a duration',
      [{ ...preview, ttl: { default: '24h', max: 'a week' } }],
      /environments\.classes\[0\]\.ttl\.max: must be a duration such as 30m, 4h or 7d/,
    ],
    [
      'a default TTL over the max',
      [{ ...preview, ttl: { default: '8d', max: '7d' } }],
      /environments\.classes\[0\]\.ttl\.default: must not be longer than ttl\.max/,
    ],
    [
      'a negative price',
      [
        {
          ...preview,
          resources: {
            'postgres-database': { target: 'embedded', monthlyCost: -1 },
          },
        },
      ],
      /environments\.classes\[0\]\.resources\.postgres-database\.monthlyCost: /,
    ],
    [
      'two classes of one name',
      [preview, preview],
      /environments\.classes\[1\]\.name: "preview" is already the name of another class/,
    ],
    ['no classes', [], /environments\.classes: must list at least one class/],
  ])('stops on %s, naming the key', (_, classes, message) => {
    expect(() => read(classes)).toThrow(message);
  });

  describe('baselines', () => {
    const staging = { name: 'staging', tier: 'staging', lifecycle: 'static' };

    it('resolves inheritance: a rule of its own replaces the parent rule of that id', () => {
      const config = read(
        [
          { ...staging, baseline: 'staging' },
          {
            ...staging,
            name: 'production',
            tier: 'production',
            baseline: 'production',
            drift: 'restore',
          },
        ],
        {
          baselines: {
            staging: {
              rules: [
                rule('postgres.connection-limit', 'blocking', { max: 100 }),
                rule('environment.owner-is-group'),
              ],
            },
            production: {
              extends: 'staging',
              rules: [
                rule('postgres.connection-limit', 'high', { min: 5, max: 50 }),
              ],
            },
          },
        },
      );
      const production = config.classes.get('production')!;
      expect(production.drift).toBe('restore');
      expect([...production.baseline.rules.keys()]).toEqual([
        'postgres.connection-limit',
        'environment.owner-is-group',
      ]);
      expect(
        production.baseline.rules.get('postgres.connection-limit'),
      ).toEqual({
        ...rule('postgres.connection-limit', 'high'),
        params: { min: 5, max: 50 },
      });
      expect(
        config.classes
          .get('staging')!
          .baseline.rules.get('postgres.connection-limit')!.params,
      ).toEqual({ min: 1, max: 100 });
    });

    it("points an inherited rule's link at the child's guideline page when it named the parent's", () => {
      const page = (baseline: string, id: string) =>
        `${GUIDELINES}baselines/${baseline}/#${id}`;
      const config = read(
        [
          { ...staging, baseline: 'staging' },
          {
            ...staging,
            name: 'production',
            tier: 'production',
            baseline: 'production',
          },
        ],
        {
          baselines: {
            staging: {
              rules: [
                {
                  ...rule('environment.owner-is-group'),
                  link: page('staging', 'environment.owner-is-group'),
                },
                // Written to a shared page: kept as it is.
                rule('resource.exists'),
              ],
            },
            production: { extends: 'staging', rules: [] },
          },
        },
      );
      const links = (name: string) =>
        [...config.classes.get(name)!.baseline.rules.values()].map(r => r.link);
      expect(links('production')).toEqual([
        page('production', 'environment.owner-is-group'),
        `${LINK}resource.exists`,
      ]);
      expect(links('staging')[0]).toBe(
        page('staging', 'environment.owner-is-group'),
      );
    });

    it.each([
      [
        'parameters a rule does not take',
        {
          b: {
            rules: [
              rule('postgres.connection-limit', 'blocking', { max: 'lots' }),
            ],
          },
        },
        /environments\.baselines\.b\.rules\[0\] \(postgres\.connection-limit\)\.params\.max: /,
      ],
      [
        'a min above the max',
        {
          b: {
            rules: [
              rule('environment.ttl'),
              rule('postgres.connection-limit', 'blocking', { min: 9, max: 2 }),
            ],
          },
        },
        /environments\.baselines\.b\.rules\[1\] \(postgres\.connection-limit\)\.params\.min: min must not be above max/,
      ],
      [
        'a rule nobody knows',
        { b: { rules: [rule('postgres.vibes')] } },
        /environments\.baselines\.b\.rules\[0\] \(postgres\.vibes\)\.id: must be one of postgres\.connection-limit/,
      ],
      [
        'an unknown severity',
        { b: { rules: [rule('environment.ttl', 'urgent')] } },
        /environments\.baselines\.b\.rules\[0\] \(environment\.ttl\)\.severity: must be one of blocking, high, low/,
      ],
      [
        'a link to another anchor',
        {
          b: {
            rules: [
              {
                ...rule('environment.ttl'),
                link: `${LINK}environment.owner-is-group`,
              },
            ],
          },
        },
        /environments\.baselines\.b\.rules\[0\] \(environment\.ttl\)\.link: must link to the rule's section, ending in #environment\.ttl/,
      ],
      [
        'a pattern that is not a regular expression',
        {
          b: {
            rules: [rule('environment.name-pattern', 'low', { pattern: '([' })],
          },
        },
        /\(environment\.name-pattern\)\.params\.pattern: must be a regular expression/,
      ],
      [
        'an unknown parent',
        { b: { extends: 'gold' } },
        /environments\.baselines\.b\.extends: there is no baseline named "gold"/,
      ],
      [
        'inheritance in a circle',
        { b: { extends: 'c' }, c: { extends: 'b' } },
        /environments\.baselines\.b\.extends: inheritance goes round in a circle \(b -> c -> b\)/,
      ],
    ])('stops on %s, naming the key and the rule', (_, baselines, message) => {
      expect(() =>
        read([{ ...staging, baseline: 'b' }], { baselines }),
      ).toThrow(message);
    });

    it('stops on a class naming a baseline that does not exist', () => {
      expect(() => read([{ ...staging, baseline: 'gold' }])).toThrow(
        /environments\.classes\[0\]\.baseline: there is no baseline named "gold"/,
      );
    });

    it.each(['app-config.yaml', 'app-config.production.yaml'])(
      '%s gives every class a baseline whose rules link to sections of the guidelines',
      file => {
        const embedded = parse(
          fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
        );
        const own = parse(fs.readFileSync(path.join(root, file), 'utf8'));
        const environments = {
          ...embedded.environments,
          classes: own.environments.classes,
        };
        // The kubernetes.* rules are the gitops module's, which this package cannot depend
        // on (the module's tests depend on this one); every browser test starts the portal,
        // whose backend reads them with the module installed.
        const baselines = Object.fromEntries(
          Object.entries<any>(embedded.environments.baselines).map(
            ([name, b]) => [
              name,
              { ...b, rules: b.rules?.filter((r: any) => !isGitops(r.id)) },
            ],
          ),
        );
        const config = read(environments.classes, { baselines });
        // A baseline's own rules link to their sections on its page (docs/baselines/<name>.md).
        for (const [name, baseline] of Object.entries<any>(
          environments.baselines,
        )) {
          for (const ownRule of baseline.rules ?? []) {
            expect(ownRule.link).toBe(
              `${GUIDELINES}baselines/${name}/#${ownRule.id}`,
            );
          }
        }
        for (const environmentClass of config.classes.values()) {
          expect(environmentClass.baseline.name).toBe(environmentClass.name);
          const limit = environmentClass.baseline.rules.get(
            'postgres.connection-limit',
          );
          expect(limit?.severity).toBe('blocking');
          // Every rule a class enforces, inherited ones too, links to the class's own page,
          // which documents it with that class's values and drift policy.
          for (const baselineRule of environmentClass.baseline.rules.values()) {
            expect(baselineRule.link).toBe(
              `${GUIDELINES}baselines/${environmentClass.baseline.name}/#${baselineRule.id}`,
            );
            const page = fs.readFileSync(pageOf(baselineRule.link), 'utf8');
            expect(page).toContain(`{#${baselineRule.id}}`);
          }
          // The baseline's page (written by scripts/baseline-docs.js) has the rules the
          // backend resolves, in its order, with their severities.
          const page = fs.readFileSync(
            path.join(
              root,
              'docs/baselines',
              `${environmentClass.baseline.name}.md`,
            ),
            'utf8',
          );
          const rows = [
            ...page.matchAll(/^\| \[([^\]]+)\]\(#[^)]+\) \| (\w+) \|/gm),
          ].filter(([, id]) => !isGitops(id));
          expect(rows.map(([, id, severity]) => `${id} ${severity}`)).toEqual(
            [...environmentClass.baseline.rules.values()].map(
              r => `${r.id} ${r.severity}`,
            ),
          );
        }
      },
    );
  });
});
