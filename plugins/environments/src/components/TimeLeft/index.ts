export { TimeLeft } from './TimeLeft';
