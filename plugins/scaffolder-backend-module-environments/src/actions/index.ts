export { createPavedEnvironmentCreateAction } from './createEnvironment';
export { createPavedEnvironmentPlanAction } from './planEnvironment';
export { createPavedResourceProvisionAction } from './provisionResource';
export { createPavedEnvironmentExtendAction } from './extendEnvironment';
export { createPavedEnvironmentDestroyAction } from './destroyEnvironment';
export type { EnvironmentsActionOptions } from './environmentsApi';
