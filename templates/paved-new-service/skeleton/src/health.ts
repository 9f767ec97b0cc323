/** What /healthz answers: the service is up, and whether it was given a database. */
export function health(env: Record<string, string | undefined>) {
  return {
    service: '${{ values.name }}',
    status: 'ok',
    database: env.DATABASE_URL ? 'configured' : 'not configured',
  };
}
