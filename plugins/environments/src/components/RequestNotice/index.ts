export { PendingRequest } from './PendingRequest';
export { RefusedRequests } from './RefusedRequests';
