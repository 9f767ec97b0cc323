export { FindingExceptionAction } from './FindingExceptionAction';
