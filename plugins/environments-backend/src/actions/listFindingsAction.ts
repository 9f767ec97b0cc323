import {
  findingListSchema,
  listFindingsQuerySchema,
  normalizeEntityRef,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { entityRefsField } from './fields';

const query = listFindingsQuerySchema.shape;

/** `list-findings`: baseline findings across the environments the user may see. */
export function listFindingsAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'list-findings',
    title: 'List baseline findings',
    description: `Lists baseline findings: rules of the platform's baselines that live environments or their resources break (a connection limit too high, a missing statement timeout, a resource gone from its target), found by the reconciler. Each says what was expected and observed, how much it matters (\`blocking\`, \`high\` degrades the environment, \`low\` informs) and links to the guideline that explains the rule and how to fix it. Newest first; open ones have no \`resolvedAt\`.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    input: z
      .object({
        entityRefs: entityRefsField,
        severity: query.severity,
        state: query.state,
      })
      .strict(),
    output: findingListSchema,
    examples: [
      {
        title: 'Open high findings of a component',
        input: {
          entityRefs: ['component:default/checkout-api'],
          severity: 'high',
          state: 'open',
        },
        output: {
          items: [
            {
              id: '9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
              environmentId: '0b7c9e52-3a41-4d8e-b6f2-91c4d8a7e3f0',
              environmentName: 'pr-42',
              entityRef: 'component:default/checkout-api',
              resourceId: 'a3e8f1b2-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
              resourceName: 'main',
              rule: 'postgres.statement-timeout',
              severity: 'high',
              field: 'statementTimeout',
              message:
                'The database must have a statement timeout, no longer than the class allows.',
              link: '/docs/default/component/platform-guidelines/baselines/preview/#postgres.statement-timeout',
              expected: '30s (at most 10min)',
              observed: '0',
              detectedAt: '2026-11-20T10:00:00.000Z',
            },
          ],
        },
      },
    ],
    async run({ entityRefs, severity, state }, { credentials }) {
      return {
        items: await environments.listFindings(
          {
            entityRefs: entityRefs?.map(normalizeEntityRef),
            severity,
            state,
          },
          credentials,
        ),
      };
    },
  });
}
