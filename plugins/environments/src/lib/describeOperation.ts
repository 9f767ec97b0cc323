import {
  EnvironmentResource,
  Operation,
} from '@paved/plugin-environments-common';

const DOING: Record<Operation['type'], string> = {
  create: 'Creating',
  update: 'Updating',
  destroy: 'Destroying',
  extend: 'Extending',
};

/**
 * What a queued or running operation is doing, in a line: `Creating main: running,
 * attempt 2`. Says which resource when the operation concerns one.
 */
export function describeOperation(
  operation: Operation,
  resources: EnvironmentResource[],
): string {
  const resource = operation.resourceId
    ? resources.find(r => r.id === operation.resourceId)
    : undefined;
  const subject = resource
    ? `${DOING[operation.type]} ${resource.name}`
    : DOING[operation.type];
  const state =
    operation.state === 'running' && operation.attempts > 1
      ? `running, attempt ${operation.attempts}`
      : operation.state;
  return `${subject}: ${state}`;
}
