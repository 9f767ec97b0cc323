import { JsonValue } from '@backstage/types';
import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { POSTGRES_DATABASE } from '../resourceType';

const params = z
  .object({ allow: z.array(z.string().min(1)).default([]) })
  .strict();

type Allowed = z.output<typeof params>;

function check({ allow }: Allowed, extensions: JsonValue | undefined) {
  if (!Array.isArray(extensions)) return [];
  const extra = extensions.map(String).filter(e => !allow.includes(e));
  if (!extra.length) return [];
  const expected = allow.length ? `only ${allow.join(', ')}` : 'none';
  return [{ field: 'extensions', expected, observed: extra.join(', ') }];
}

export const extensions = createBaselineRule({
  id: 'postgres.extensions',
  resourceType: POSTGRES_DATABASE,
  params,
  checkSpec: (allowed, spec) => check(allowed, spec.extensions),
  checkObservation: (allowed, _desired, { observed }) =>
    check(allowed, observed.extensions),
  // Apply installs and drops no extensions: one created by hand stays until someone drops it.
  restorable: false,
  description: {
    group: 'PostgreSQL rules',
    checks: 'Which PostgreSQL extensions a database may have.',
    today: [
      'Paved installs no extensions itself; each baseline lists the extensions it allows.',
      'A request for an extension outside the list is checked on request. On live',
      'databases, an extension someone created by hand is found too, but not at once:',
      'extensions can only be read from inside each database, so each reconciler pass',
      'reads a few databases in turn (20 by default,',
      '`environments.providers.postgres.extensionWindow`). With 200 databases on a server',
      'and a pass every 5 minutes, a new extension is found within 50 minutes.',
    ].join('\n'),
    expected: ({ allow }) =>
      allow.length
        ? `Only these extensions: ${list(allow.map(e => `\`${e}\``))}.`
        : 'No extensions.',
  },
});

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
