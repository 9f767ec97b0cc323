import { LoggerService } from '@backstage/backend-plugin-api';
import {
  changedFiles,
  EnvironmentPlan,
} from '@paved/plugin-environments-common';

/** What applying one planned resource would change in its repository. */
export interface PlannedChange {
  resource: string;
  repository: string;
  path: string;
  diff: string;
  files: Record<string, string>;
}

/**
 * The changes a plan's resources would make, from the providers that can say before
 * they act (the gitops provider's `preview`); resources without one are left out.
 */
export function plannedChanges(plan: EnvironmentPlan): PlannedChange[] {
  return plan.environment.resources.flatMap(resource => {
    const preview = resource.preview as
      | {
          repository?: string;
          path?: string;
          diff?: string;
          files?: Record<string, string>;
        }
      | undefined;
    if (!preview || typeof preview.diff !== 'string') return [];
    return [
      {
        resource: resource.name,
        repository: String(preview.repository ?? ''),
        path: String(preview.path ?? ''),
        diff: preview.diff,
        files: preview.files ?? {},
      },
    ];
  });
}

/** Logs, resource by resource, the files a plan would change and the diff itself. */
export function logPlannedChanges(
  logger: LoggerService,
  changes: PlannedChange[],
): void {
  for (const change of changes) {
    const files = changedFiles(change.diff);
    if (files.length === 0) {
      logger.info(
        `${change.resource}: ${change.repository} ${change.path} is as it would be; nothing to commit`,
      );
      continue;
    }
    // Paths inside the resource's folder are said relative to it, to keep the line short.
    const relative = (file: string) =>
      file.startsWith(change.path) ? file.slice(change.path.length) : file;
    logger.info(
      `${change.resource}: would commit to ${change.repository}, in ${
        change.path
      }: ${files.map(f => `${relative(f.path)} (${f.change})`).join(', ')}`,
    );
    logger.info(`${change.resource}: the diff\n${change.diff}`);
  }
}

/** The output schema of `changes`, for the actions that plan. */
export const changesOutput = (z: any) =>
  z
    .array(
      z.object({
        resource: z.string(),
        repository: z.string(),
        path: z.string(),
        diff: z.string(),
        files: z.record(z.string()),
      }),
    )
    .describe(
      'What each resource would commit, from providers that can tell before acting (the gitops namespace: its files and the unified diff against the repository)',
    );
