export { FindingsButton } from './FindingsButton';
