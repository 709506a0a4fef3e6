import pg from 'pg'

/**
 * Refreshes the planner's statistics of the tasks table, as autovacuum does a minute or so
 * after a bulk load: measuring plans made for an empty table would measure the load, not the
 * queries (this machine's PostgreSQL runs with autovacuum off).
 */
export async function analyzeTasks(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('ANALYZE tasks')
  } finally {
    await client.end()
  }
}
