export { ResourceOutputs } from './ResourceOutputs';
