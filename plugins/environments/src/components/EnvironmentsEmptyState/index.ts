export {
  CreateEphemeralEnvironmentButton,
  EnvironmentsEmptyState,
} from './EnvironmentsEmptyState';
