export { ProviderRegistry } from '../providers/ProviderRegistry';
