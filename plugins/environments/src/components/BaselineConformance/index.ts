export { BaselineConformance } from './BaselineConformance';
