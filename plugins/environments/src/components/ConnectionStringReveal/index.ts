export { ConnectionStringReveal } from './ConnectionStringReveal';
