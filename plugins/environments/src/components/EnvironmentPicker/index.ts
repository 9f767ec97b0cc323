export { EnvironmentPicker } from './EnvironmentPicker';
export { EnvironmentPickerFieldSchema } from './schema';
export type { EnvironmentPickerProps } from './schema';
