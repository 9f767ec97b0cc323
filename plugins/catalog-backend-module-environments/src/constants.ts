/**
 * The location type of the entities the provider publishes (`paved-environments:<id>`).
 * The processor marks an Environment from such a location as provisioned; any other
 * location makes it a declared one.
 */
export const PAVED_ENVIRONMENTS_LOCATION_TYPE = 'paved-environments';
