export { DestroyDialog } from './DestroyDialog';
