import {
  environmentListSchema,
  environmentStatusSchema,
  groupRefSchema,
  listEnvironmentsQuerySchema,
  tierSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { toListQuery } from '../useCases/toListQuery';
import { defineAction } from './EnvironmentAction';
import { entityRefsField } from './fields';
import { exampleEnvironment } from './examples';

const query = listEnvironmentsQuerySchema.shape;

const input = z
  .object({
    entityRefs: entityRefsField,
    owner: groupRefSchema.optional().meta({
      description:
        'Only environments this group owns, e.g. `group:default/checkout-team`.',
    }),
    class: query.class.meta({
      description:
        'Only environments of this class (`preview`, `development`, `staging`, `production` in the embedded default).',
    }),
    tier: tierSchema.optional(),
    status: environmentStatusSchema.optional().meta({
      description:
        'Only environments in this status. Destroyed environments are left out unless this is `destroyed`.',
    }),
    expiringBefore: query.expiringBefore,
    hasFindings: z.boolean().optional().meta({
      description:
        'Only environments with (`true`) or without (`false`) an open baseline finding.',
    }),
    limit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20)
      .meta({ description: 'How many environments to return at most.' }),
    cursor: query.cursor.meta({
      description:
        'The `nextCursor` of an earlier call, for the next page; leave it out for the first.',
    }),
  })
  .strict();

/** `list-environments`: the Environments page's filters, one page at a time. */
export function listEnvironmentsAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'list-environments',
    title: 'List environments',
    description: `Lists the environments (dev, staging, production, short-lived previews) the user may see (production first, then staging, development and preview, each by name), with status, owner, expiry, resources and estimated monthly cost. Filter by component or system, owner group, class, tier, status, expiry or open findings, as on the portal's Environments page. Answers one page: when \`nextCursor\` is set, call again with it as \`cursor\` for more; \`totalItems\` counts every match. Use get-environment for one environment's findings.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    input,
    output: environmentListSchema,
    examples: [
      {
        title: 'Previews of a component',
        description: 'The short-lived environments of checkout-api.',
        input: {
          entityRefs: ['component:default/checkout-api'],
          tier: 'preview',
        },
        output: { items: [exampleEnvironment], totalItems: 1 },
      },
      {
        title: "A team's environments with open findings",
        input: { owner: 'group:default/checkout-team', hasFindings: true },
      },
    ],
    async run(filters, { credentials }) {
      return environments.list(toListQuery(filters), credentials);
    },
  });
}
