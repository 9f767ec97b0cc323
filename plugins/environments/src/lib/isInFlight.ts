import { Environment } from '@paved/plugin-environments-common';

/** Something is happening to it that the card should follow live. */
export function isInFlight(environment: Environment): boolean {
  return (
    environment.status === 'provisioning' ||
    environment.status === 'destroying' ||
    environment.activeOperation?.state === 'queued' ||
    environment.activeOperation?.state === 'running'
  );
}
