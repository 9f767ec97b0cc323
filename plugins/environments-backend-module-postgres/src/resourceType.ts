/** The resource type the provider provisions and its baseline rules are about. */
export const POSTGRES_DATABASE = 'postgres-database';
