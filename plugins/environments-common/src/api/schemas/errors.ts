import { z } from 'zod';

/** Backstage's error body (`ErrorResponseBody` of `@backstage/errors`). @public */
export const errorBodySchema = z
  .looseObject({
    error: z.looseObject({
      name: z.string().meta({
        description:
          '`InputError` or `SyntaxError` (400), `AuthenticationError` (401), `NotAllowedError` (403), `NotFoundError` (404), `ConflictError` (409), `PayloadTooLargeError` (413).',
      }),
      message: z.string(),
      stack: z.string().optional(),
    }),
    request: z.looseObject({ method: z.string(), url: z.string() }).optional(),
    response: z.looseObject({ statusCode: z.number().int() }),
  })
  .meta({
    description:
      "Backstage's error body (`ErrorResponseBody` of `@backstage/errors`).",
  });
