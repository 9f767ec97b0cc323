import {
  ProviderOperation,
  ProvisionedResource,
} from '@paved/plugin-environments-node';
import { NamespaceContext } from '../render/NamespaceContext';

/**
 * The trailers that mark a commit as one operation's change to one resource: a retry
 * looks for them before committing, so an operation never commits twice.
 */
export function operationTrailers(
  operation: ProviderOperation,
  resource: Pick<ProvisionedResource, 'id'>,
): Record<string, string> {
  return { 'Paved-Operation': operation.id, 'Paved-Resource': resource.id };
}

/** Says what changed and who asked, so `git log` reads as the portal's history. */
export function commitMessage(options: {
  verb: 'Add' | 'Update' | 'Remove';
  context: NamespaceContext;
  requestedBy: string;
  operation?: ProviderOperation;
  resource: ProvisionedResource;
}): string {
  const { verb, context, requestedBy, operation, resource } = options;
  const subject = `${verb} namespace ${context.namespace}`;
  const body = [
    `Environment ${context.environment} of ${context.entityRef}, owned by ${context.owner}.`,
    requestedBy === 'paved:reconciler'
      ? 'Restored by the Paved reconciler after a change by hand.'
      : `Requested by ${requestedBy} through Paved.`,
  ].join('\n');
  const trailers = operation
    ? Object.entries(operationTrailers(operation, resource))
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')
    : '';
  return `${subject}\n\n${body}\n${trailers ? `\n${trailers}\n` : ''}`;
}
