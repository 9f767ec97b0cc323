import { useCallback, useMemo } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  createFromTemplateRouteRef,
  scaffolderTaskRouteRef,
  viewTechDocRouteRef,
} from '../routes';
import {
  DEFAULT_GUIDELINES_ROOT,
  GUIDELINES_ENTITY,
  guidelinePageOf,
} from '../lib/guidelines';

/**
 * Where the card links to: the guidelines in TechDocs, a template, a scaffolder task.
 * Resolved through external route refs where the app binds them (the new frontend
 * system does by default), else the paths the scaffolder and TechDocs use by default.
 */
export function useEnvironmentLinks() {
  const docRoute = useRouteRef(viewTechDocRouteRef);
  const templateRoute = useRouteRef(createFromTemplateRouteRef);
  const taskRoute = useRouteRef(scaffolderTaskRouteRef);

  const guidelinesRoot = useMemo(
    () =>
      (docRoute?.(GUIDELINES_ENTITY) ?? DEFAULT_GUIDELINES_ROOT).replace(
        /\/$/,
        '',
      ),
    [docRoute],
  );

  const guideline = useCallback(
    (page: string) => `${guidelinesRoot}/${page}`,
    [guidelinesRoot],
  );

  // A finding's link is a full portal path; re-rooted like ours when it is a guideline page.
  const backendGuideline = useCallback(
    (link: string) => {
      const page = guidelinePageOf(link);
      return page === undefined ? link : guideline(page);
    },
    [guideline],
  );

  const template = useCallback(
    (
      target: { namespace: string; templateName: string },
      formData: Record<string, string>,
    ) => {
      const path =
        templateRoute?.(target) ??
        `/create/templates/${target.namespace}/${target.templateName}`;
      return `${path}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
    },
    [templateRoute],
  );

  const task = useCallback(
    (taskId: string) => taskRoute?.({ taskId }) ?? `/create/tasks/${taskId}`,
    [taskRoute],
  );

  return { guideline, backendGuideline, template, task };
}
