export { ResourceItem } from './ResourceItem';
export { ResourceTypeIcon } from './ResourceTypeIcon';
