import pg from 'pg'
import { type EmbeddedEngine, prepareDataDir } from './data-dir'
import { isQueryTimeout } from './database-unavailable'
import type { EngineLog } from './embedded-postgres/cluster'
import { openEmbeddedPostgres } from './engines/embedded-postgres'
import { openPglite } from './engines/pglite'
import { describeUrl, openPostgresServer, type ServerConnection } from './engines/postgres-server'
import { reuseRowShapes } from './pg-row-shapes'

// COUNT(*) and other int8 results fit comfortably in a double for this product.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))
reuseRowShapes()

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

/**
 * What the store asks of a database's pool: a `pg.Pool` on PostgreSQL, PGlite's one session
 * on PGlite (engines/pglite-session-pool.ts).
 */
export interface DatabasePool {
  query: pg.Pool['query']
  /** A connection of its own until `release()`: for transactions. */
  connect(): Promise<pg.PoolClient>
  end(): Promise<void>
  readonly options: { readonly max: number }
  readonly totalCount: number
  readonly idleCount: number
  readonly waitingCount: number
}

/** An open database, whatever the engine: every statement goes through `pool`. */
export interface Database {
  readonly engine: Engine
  readonly pool: DatabasePool
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

/**
 * A transaction's connection: statements run on it like on any {@link Queryable}, and
 * {@link Transaction.commitWith} may end it early.
 */
export interface Transaction extends Queryable {
  /**
   * Sends COMMIT right behind the statement that `last` sends, without waiting for its answer
   * first: on a pipelined connection (PostgreSQL servers) both travel in one round trip. The
   * transaction ends there: its result is `last`'s once both answered, and a statement sent
   * after it fails. Should `last` send nothing at once (it awaits something first), COMMIT
   * waits for its answer instead, as {@link withTransaction} would.
   */
  commitWith<T>(last: () => Promise<T>): Promise<T>
}

/**
 * Runs `send` with the connection's socket corked: the statements it sends at once leave in
 * one write, and PostgreSQL reads them in one go.
 */
function corked<T>(client: pg.PoolClient, send: () => T): T {
  const { stream } = client.connection
  stream.cork()
  try {
    return send()
  } finally {
    stream.uncork()
  }
}

/**
 * Waits for two statements sent together, so that neither rejection goes unhandled; throws
 * the first one's error before the second's.
 */
async function bothSettled<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second])
  if (a.status === 'rejected') {
    throw a.reason
  }
  if (b.status === 'rejected') {
    throw b.reason
  }
  return [a.value, b.value]
}

class PooledTransaction implements Transaction {
  /** Statements sent so far: tells `commitWith` whether `last` sent its own at once. */
  private sent = 0
  committed = false

  constructor(private readonly client: pg.PoolClient) {}

  // Typed as pg's overloads, which a rest-parameter wrapper cannot spell out.
  readonly query = ((...args: Parameters<pg.PoolClient['query']>) => {
    if (this.committed) {
      throw new Error('a statement was sent after the transaction committed')
    }
    this.sent += 1
    return this.client.query(...args)
  }) as Queryable['query']

  async commitWith<T>(last: () => Promise<T>): Promise<T> {
    // A connection that is not pipelined would only queue COMMIT behind `last` in this process.
    if (!this.client.pipeline) {
      return this.commitAfter(last())
    }
    const before = this.sent
    const [pending, commit] = corked(this.client, () => {
      const sending = last()
      return [sending, this.sent > before ? this.query('COMMIT') : null] as const
    })
    if (!commit) {
      return this.commitAfter(pending)
    }
    this.committed = true
    // Should `last` have failed, PostgreSQL answered COMMIT with a rollback: nothing of the
    // transaction was written.
    const [value] = await bothSettled(pending, commit)
    return value
  }

  private async commitAfter<T>(pending: Promise<T>): Promise<T> {
    const value = await pending
    await this.query('COMMIT')
    this.committed = true
    return value
  }
}

/**
 * Runs `work` behind a BEGIN that is not awaited: on a pipelined connection BEGIN leaves in
 * one write with the work's first statement instead of taking a round trip of its own. BEGIN
 * cannot fail on a healthy idle connection, and on a broken one the work's statements fail too.
 */
async function begunWith<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  const [begun, worked] = corked(client, () => [client.query('BEGIN'), work()] as const)
  const [, value] = await bothSettled(begun, worked)
  return value
}

/** Connections whose transaction could not be rolled back: they go back to the pool as lost. */
const BROKEN = new WeakMap<pg.PoolClient, Error>()

/**
 * Why `client` must be thrown away rather than handed to the next caller, if it must: its
 * query timed out (it still waits for that answer), or its transaction could not be rolled
 * back. For `client.release()`.
 */
export function lostConnection(client: pg.PoolClient, error?: unknown): Error | undefined {
  return isQueryTimeout(error) ? error : BROKEN.get(client)
}

/**
 * Runs `work` in one transaction on a connection the caller holds and releases, rolled back
 * if it throws; the caller releases it with {@link lostConnection}.
 */
export async function transactionOn<T>(
  client: pg.PoolClient,
  work: (client: Transaction) => Promise<T>,
): Promise<T> {
  const transaction = new PooledTransaction(client)
  try {
    const result = client.pipeline
      ? await begunWith(client, () => work(transaction))
      : await client.query('BEGIN').then(() => work(transaction))
    if (!transaction.committed) {
      await client.query('COMMIT')
    }
    return result
  } catch (error) {
    // A connection whose query timed out still waits for that answer, and one that failed
    // cannot roll back: either is thrown away (release with an error), never handed to the
    // next request, which would queue behind the lost query and time out in turn.
    if (!isQueryTimeout(error)) {
      const rollbackError = await client.query('ROLLBACK').then(
        () => undefined,
        (failed: unknown) => failed,
      )
      if (rollbackError instanceof Error) {
        BROKEN.set(client, rollbackError)
      }
    }
    throw error
  }
}

/** Runs `work` in one transaction, rolled back if it throws. */
export async function withTransaction<T>(
  db: Database,
  work: (client: Transaction) => Promise<T>,
): Promise<T> {
  const client = await db.pool.connect()
  let result: T
  try {
    result = await transactionOn(client, work)
  } catch (error) {
    client.release(lostConnection(client, error))
    throw error
  }
  client.release()
  return result
}
