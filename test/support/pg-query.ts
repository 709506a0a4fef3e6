import pg from 'pg'

/**
 * Runs one query on a PostgreSQL database with a connection of its own, so a test can look
 * at the rows behind the API (postgres engine only: PGlite belongs to the server process).
 */
export async function queryDatabase<Row extends Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<Row>(sql, params)).rows
  } finally {
    await client.end()
  }
}
