import pg from 'pg'

/** A PostgreSQL database made for one test file or benchmark, dropped when it is done. */
export interface ThrowawayDatabase {
  name: string
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

let made = 0

/**
 * Creates an empty database on the server `adminUrl` points at, named
 * `<prefix>_<pid>_<ms>_<n>` so that parallel runs, and several databases of one run, never
 * collide.
 */
export async function createThrowawayDatabase(
  adminUrl: string,
  prefix: string,
): Promise<ThrowawayDatabase> {
  made += 1
  const name = `${prefix}_${process.pid}_${Date.now()}_${made}`
  await runAdmin(adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  }
}
