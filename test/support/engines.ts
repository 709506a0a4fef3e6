/**
 * One server under test, on one engine, with a pool of pre-made organizations:
 * - `pglite`: `--engine pglite` in a data directory;
 * - `embedded`: the default, PostgreSQL from npm's binaries in a data directory;
 * - `postgres`: a PostgreSQL server of TEST_DATABASE_URL (in a database of its own).
 */
export interface EngineUnderTest {
  name: 'pglite' | 'embedded' | 'postgres'
  baseUrl: string
  /**
   * PostgreSQL URL of the database behind the server, for the suites that need a server of
   * their own to share between processes: the `postgres` engine's, or, when TEST_DATABASE_URL
   * is not set, the `embedded` engine's (through its socket), so those suites run anywhere.
   */
  databaseUrl?: string
  /** JSON file listing the seeded organizations (see tenants.ts). */
  tenantsFile: string
  /** Directory where tests claim organizations, one file each. */
  claimsDir: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: EngineUnderTest[]
  }
}
