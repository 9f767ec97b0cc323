import {
  durationSchema,
  environmentAndOperationSchema,
} from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsService } from '../services/EnvironmentsService';
import { defineAction } from './EnvironmentAction';
import { exampleAnswer, exampleEnvironment } from './examples';
import { environmentIdField } from './fields';

/** `extend-environment`: moves an ephemeral environment's expiry later. */
export function extendEnvironmentAction(environments: EnvironmentsService) {
  return defineAction({
    name: 'extend-environment',
    title: 'Extend an environment',
    description: `Keeps an ephemeral (preview) environment longer: it will expire \`ttl\` from now, at most the class's maximum TTL, and never earlier than it already would. Static environments (development, staging, production) do not expire and are refused. Needs the same rights as changing the environment: a member of its owner group (production: the platform team).`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    input: z
      .object({
        id: environmentIdField,
        ttl: durationSchema.meta({
          description:
            'How long from now it should live, a whole number and a unit (m, h, d), e.g. `2d`.',
        }),
      })
      .strict(),
    output: environmentAndOperationSchema,
    examples: [
      {
        title: 'Keep a preview two more days',
        input: { id: exampleEnvironment.id, ttl: '2d' },
        output: exampleAnswer(
          { type: 'extend' },
          { expiresAt: '2026-11-22T09:05:00.000Z' },
        ),
      },
    ],
    async run({ id, ttl }, { credentials }) {
      return environments.extend(id, ttl, credentials);
    },
  });
}
