import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CreateEnvironmentResponse } from '@paved/plugin-environments-common';
import { createEnvironmentRequestSchema } from '@paved/plugin-environments-common';
import { principalRef } from '../authorization/principalRef';
import { ExampleEnvironment } from '../examples/readExamplesConfig';
import { UseCaseContext } from './context';
import { createEnvironment } from './createEnvironment';
import { endRequest } from './decideRequest';

/** Says in the request, the only free text an environment keeps, that it is made up. */
export const EXAMPLE_REASON =
  'Example data (environments.examples): created on the portal’s first start';

export interface ExamplesOptions {
  credentials: BackstageCredentials;
  /** How long to wait for the catalog to hold the examples' entities on a first start. */
  catalogTimeoutMs?: number;
  pollMs?: number;
}

/**
 * Creates the example environments through the API's own create, as the service, when
 * the store holds no environment at all: a restart, or a portal in use, gets nothing.
 * An example that needs approval is approved by the same service, since nobody asked
 * for it. Answers with the names created, `name (entity)`.
 */
export async function createExamples(
  ctx: UseCaseContext,
  examples: ExampleEnvironment[],
  options: ExamplesOptions,
): Promise<string[]> {
  if (!examples.length) return [];
  const { totalItems } = await ctx.store.environments.listEnvironments({
    includeDestroyed: true,
    limit: 1,
    offset: 0,
  });
  if (totalItems > 0) return [];
  const { credentials } = options;
  await waitForEntities(ctx, examples, options);
  const created: string[] = [];
  for (const example of examples) {
    const request = createEnvironmentRequestSchema.parse({
      reason: EXAMPLE_REASON,
      ...example,
    });
    const answer = (await createEnvironment(ctx, request, {
      credentials,
    })) as CreateEnvironmentResponse;
    if (answer.approval) {
      const waiting = (await ctx.store.requests.get(
        answer.approval.requestId,
      ))!;
      await endRequest(ctx, waiting, {
        state: 'approved',
        by: principalRef(credentials),
        comment: 'Example data, approved on creation',
      });
    }
    created.push(`${example.name} (${example.entityRef})`);
  }
  return created;
}

/** On a first start the catalog has not read examples/ yet when the backend starts. */
async function waitForEntities(
  ctx: UseCaseContext,
  examples: ExampleEnvironment[],
  options: ExamplesOptions,
) {
  const refs = [...new Set(examples.map(e => e.entityRef))];
  const deadline = Date.now() + (options.catalogTimeoutMs ?? 5 * 60_000);
  for (;;) {
    const found = await Promise.all(
      refs.map(ref =>
        ctx.catalog.getEntityByRef(ref, { credentials: options.credentials }),
      ),
    );
    const missing = refs.filter((_, i) => !found[i]);
    if (!missing.length) return;
    if (Date.now() > deadline) {
      throw new Error(
        `environments.examples: ${missing.join(', ')} not in the catalog`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 2000));
  }
}
