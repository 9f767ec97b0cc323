import { z } from 'zod';

/**
 * Turns zod issues into one line per field, `field: rule`, for a 400 a person can act on.
 * @public
 */
export function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map(issue => {
      const path = [prefix, ...issue.path.map(String)]
        .filter(Boolean)
        .join('.');
      return `${path || '(body)'}: ${issue.message}`;
    })
    .join('; ');
}
