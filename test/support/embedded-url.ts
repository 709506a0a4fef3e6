import { clusterAddress } from '../../src/store/embedded-postgres/cluster'

/**
 * A URL of the embedded PostgreSQL of `dataDir`, through its Unix socket: while a server runs
 * there, other processes (more servers, tests' own queries) reach the same database with it.
 */
export function embeddedDatabaseUrl(dataDir: string): string {
  const { host, user, database } = clusterAddress(dataDir)
  return `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}`
}
