import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import pg from 'pg'
import { lockDataDir } from './data-dir-lock'

// COUNT(*) and other int8 results fit comfortably in a double for this product.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

/** Which engine a database runs on. */
export type Engine = 'pglite' | 'postgres'

/** Where the data lives: a PGlite directory, or a PostgreSQL server. */
export type DatabaseLocation = { dataDir: string } | { databaseUrl: string }

/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>

/** An open database, whatever the engine: every statement goes through `pool`. */
export interface Database {
  readonly engine: Engine
  readonly pool: pg.Pool
  /** Human-readable location, without credentials. */
  readonly description: string
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
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    parsed.username = ''
    return `postgres ${parsed.host}${parsed.pathname}`
  } catch {
    return 'postgres'
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir)
  try {
    const lite = await PGlite.create({ dataDir })
    // The same node-postgres code runs on both engines; PGlite has a single connection,
    // so the pool has one client and serialises transactions for us.
    const pool = new pg.Pool({ ...createPgConfig(lite), max: 1 })
    return {
      engine: 'pglite',
      pool,
      description: `pglite ${dataDir}`,
      async listen(channel, onMessage) {
        const unlisten = await lite.listen(channel, onMessage)
        return async () => {
          await unlisten()
        }
      },
      async close() {
        await pool.end()
        await lite.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

const RELISTEN_DELAY_MS = 1000

/** LISTEN on a dedicated connection, re-established whenever it drops. */
async function listenOnPostgres(
  databaseUrl: string,
  channel: string,
  onMessage: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  // While the server is down, keep trying: live updates resume by themselves.
  const scheduleRetry = (): void => {
    if (!stopped) {
      retry = setTimeout(() => void connect().catch(scheduleRetry), RELISTEN_DELAY_MS)
    }
  }
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl })
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) {
        onMessage(message.payload)
      }
    })
    next.on('error', () => {
      next.end().catch(() => {})
      scheduleRetry()
    })
    await next.connect()
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    client = next
  }
  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    await client?.end().catch(() => {})
  }
}

function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail fast when the server is down, so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 5000,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    // Our own sessions must never hold the xmin horizon: a transaction left open by a bug or
    // a stalled caller would bloat the dispatch index (bench/README.md, soak). None of ours
    // waits a minute between two statements.
    idle_in_transaction_session_timeout: 60_000,
  })
  // An idle client that loses its server (restart, network) emits here; without a
  // listener the process would crash. The pool drops the client and makes a new one.
  pool.on('error', () => {})
  return {
    engine: 'postgres',
    pool,
    description: describeUrl(databaseUrl),
    listen: (channel, onMessage) => listenOnPostgres(databaseUrl, channel, onMessage),
    async close() {
      await pool.end()
    },
  }
}

/** Opens the database at `location`. Callers must run migrations before using it. */
export async function openDatabase(
  location: DatabaseLocation,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  return 'databaseUrl' in location
    ? openPostgres(location.databaseUrl, options)
    : openPglite(location.dataDir)
}

/** Whether a query gave up waiting for its answer: its connection is lost to us. */
function isQueryTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout'
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
