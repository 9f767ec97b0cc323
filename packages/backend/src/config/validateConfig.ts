import { Config } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';

/**
 * Checks the loaded configuration against the config schemas of every package the backend
 * depends on (Backstage's and ours). Backstage itself only warns about schema violations;
 * a platform team wants a typo in app-config to stop the backend with the key and the
 * rule, not to surface later as odd behaviour.
 *
 * @param packageName - the package whose dependency tree declares the schemas
 */
export async function validateConfig(
  config: Config,
  packageName = 'backend',
): Promise<void> {
  const schema = await loadConfigSchema({ dependencies: [packageName] });
  try {
    schema.process([{ data: config.get(), context: 'app-config' }]);
  } catch (error) {
    const messages: string[] = (error as { messages?: string[] }).messages ?? [
      String((error as Error).message),
    ];
    throw new Error(
      `Invalid configuration, the backend will not start:\n${messages
        .map(m => `  - ${describeSchemaError(m)}`)
        .join('\n')}`,
    );
  }
}

/**
 * Turns "Config must be array { type=array } at /catalog/locations" into
 * "catalog.locations: must be array (type=array)".
 */
export function describeSchemaError(message: string): string {
  const match = /^Config (.*?)(?: \{ (.*) \})? at (\/.*)$/.exec(message);
  if (!match) {
    return message;
  }
  const [, rule, details, path] = match;
  const key = path.slice(1).split('/').join('.') || '(root)';
  return `${key}: ${rule}${details ? ` (${details})` : ''}`;
}
