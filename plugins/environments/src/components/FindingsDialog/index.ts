export { FindingsDialog } from './FindingsDialog';
