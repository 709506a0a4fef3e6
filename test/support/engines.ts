/** One server under test, on one engine, with a pool of pre-made organizations. */
export interface EngineUnderTest {
  name: 'pglite' | 'postgres'
  baseUrl: string
  /** PostgreSQL URL of the database behind the server (postgres engine only). */
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
