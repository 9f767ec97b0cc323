export { ResourceList } from './ResourceList';
