import { JsonObject } from '@backstage/types';
import { createTestProvisioningRole } from '@paved/plugin-environments-backend-module-postgres/testUtils';

/**
 * The `environments` config of a test backend: the given classes, whose resources go to
 * the `shared` target, a role of its own on the test run's PostgreSQL server.
 */
export async function environmentsConfig(
  classes: JsonObject[],
): Promise<JsonObject> {
  const role = await createTestProvisioningRole();
  return {
    secrets: { key: Buffer.alloc(32, 8).toString('base64') },
    classes,
    providers: {
      postgres: { targets: { shared: { ...role.connection } as JsonObject } },
    },
  };
}
