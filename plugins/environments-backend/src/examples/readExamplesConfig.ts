import { Config } from '@backstage/config';
import { createEnvironmentRequestSchema } from '@paved/plugin-environments-common';
import { z } from 'zod';
import { DEFAULT_EXAMPLES } from './defaultExamples';

/** One example environment: what a create request to the API would carry. */
export type ExampleEnvironment = z.input<typeof createEnvironmentRequestSchema>;

const examplesSchema = z.union([
  z.boolean(),
  z.array(createEnvironmentRequestSchema),
]);

/**
 * `environments.examples`: off by default; `true` for the embedded portal's set, or a
 * list of create requests. Invalid entries stop the backend, naming the key.
 */
export function readExamplesConfig(config: Config): ExampleEnvironment[] {
  const raw = config.getOptional('environments.examples');
  if (raw === undefined) return [];
  const parsed = examplesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid environments configuration: ${parsed.error.issues
        .map(
          issue =>
            `${['environments.examples', ...issue.path].join('.')}: ${
              issue.message
            }`,
        )
        .join('; ')}`,
    );
  }
  if (parsed.data === true) return DEFAULT_EXAMPLES;
  return parsed.data === false ? [] : parsed.data;
}
