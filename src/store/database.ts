import pg from 'pg'
import { type EmbeddedEngine, prepareDataDir } from './data-dir'
import { isQueryTimeout } from './database-unavailable'
import type { EngineLog } from './embedded-postgres/cluster'
import { openEmbeddedPostgres } from './engines/embedded-postgres'
import { openPglite } from './engines/pglite'
import { describeUrl, openPostgresServer, type ServerConnection } from './engines/postgres-server'

// COUNT(*) and other int8 results fit comfortably in a double for this product.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

/** Which engine a database runs on. */
export type Engine = 'pglite' | 'postgres'

/**
 * Where the data lives: a data directory of Tessera's (the embedded PostgreSQL, or PGlite;
 * no `engine`: whatever the directory already holds, PostgreSQL for a new one), or a
 * PostgreSQL server.
 */
export type DatabaseLocation =
  | { dataDir: string; engine?: EmbeddedEngine }
  | { databaseUrl: string }

/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>

/** An open database, whatever the engine: every statement goes through `pool`. */
export interface Database {
  readonly engine: Engine
  readonly pool: pg.Pool
  /** Human-readable location, without credentials. */
  readonly description: string
  /** How to open a connection of one's own, outside the pool (PostgreSQL servers only). */
  readonly server?: ServerConnection
  /**
   * Calls `onMessage` with each NOTIFY payload on `channel` until the returned function is
   * called. On PostgreSQL this holds one connection of its own and reconnects by itself.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PostgreSQL pool size; PGlite always has exactly one connection. */
  poolSize?: number
  /**
   * PostgreSQL only: a query with no answer after this long fails ("Query read timeout")
   * instead of waiting forever on a server that stopped answering without closing the
   * connection (a network partition, a frozen host). Unset: no limit, for migrations,
   * backups and restores, whose statements may rightly take longer than any request.
   */
  queryTimeoutMs?: number
  /**
   * Embedded PostgreSQL: this process must own the data directory (the server). Without it,
   * a directory held by a running server is reached through that server's PostgreSQL.
   */
  exclusive?: boolean
  /** Embedded PostgreSQL started by root: the OS account to run it as. */
  postgresUser?: string
  /** Embedded PostgreSQL: where to report its starts, crashes and restarts. */
  log?: EngineLog
}

/** Opens the database at `location`. Callers must run migrations before using it. */
export async function openDatabase(
  location: DatabaseLocation,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if ('databaseUrl' in location) {
    const { databaseUrl } = location
    return openPostgresServer({ connectionString: databaseUrl }, describeUrl(databaseUrl), options)
  }
  const engine = prepareDataDir(location.dataDir, location.engine)
  return engine === 'pglite'
    ? openPglite(location.dataDir)
    : openEmbeddedPostgres(location.dataDir, options)
}

/** Runs `work` in one transaction, rolled back if it throws. */
export async function withTransaction<T>(
  db: Database,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.pool.connect()
  let result: T
  try {
    await client.query('BEGIN')
    result = await work(client)
    await client.query('COMMIT')
  } catch (error) {
    // A connection whose query timed out still waits for that answer, and one that failed
    // cannot roll back: either is thrown away (release with an error), never handed to the
    // next request, which would queue behind the lost query and time out in turn.
    const lost = isQueryTimeout(error)
      ? error
      : await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        )
    client.release(lost instanceof Error ? lost : undefined)
    throw error
  }
  client.release()
  return result
}
