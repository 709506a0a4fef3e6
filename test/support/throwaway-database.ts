import pg from 'pg'

/** A PostgreSQL database made for one test file, dropped when it is done. */
export interface ThrowawayDatabase {
  url: string
  drop: () => Promise<void>
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}

/**
 * Creates an empty database on the server `adminUrl` points at, named after `prefix`, the
 * process and the time so that parallel runs never collide.
 */
export async function createThrowawayDatabase(
  adminUrl: string,
  prefix: string,
): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`
  await runAdmin(adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () =>
      runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  }
}
