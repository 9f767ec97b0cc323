export { EnvironmentChangesPreview } from './EnvironmentChangesPreview';
export { EnvironmentChangesPreviewFieldSchema } from './schema';
export type { EnvironmentChangesPreviewProps } from './schema';
