import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The environments page. @public */
export const rootRouteRef = createRouteRef({ id: 'environments' });

/**
 * Opening a template with its form filled in: the empty state's "create one" button.
 * Bound to the scaffolder by default in the new frontend system; unbound, the card
 * falls back to the scaffolder's usual path.
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});

/** The scaffolder task that created an environment. @public */
export const scaffolderTaskRouteRef = createExternalRouteRef({
  id: 'scaffolder-task',
  optional: true,
  params: ['taskId'],
  defaultTarget: 'scaffolder.ongoingTask',
});

/** A TechDocs site: the platform guidelines that every card links to. @public */
export const viewTechDocRouteRef = createExternalRouteRef({
  id: 'view-techdoc',
  optional: true,
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'techdocs.docRoot',
});
