export { EnvironmentArticle } from './EnvironmentArticle';
