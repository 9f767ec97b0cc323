import { GoalHistoryFormat } from './types';

/**
 * The file name a goal's history is exported under, as the server's
 * `Content-Disposition` says it: `golden-paths-history.csv`. For a download link's
 * `download` attribute, since a page fetches the file with the user's token.
 * @public
 */
export function goalHistoryFileName(
  goalId: string,
  format: GoalHistoryFormat,
): string {
  return `${goalId}-history.${format}`;
}
