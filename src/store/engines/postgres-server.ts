import pg from 'pg'
import type { Database, OpenDatabaseOptions } from '../database'
import { keepTaskStatisticsFresh } from '../table-statistics'

const RELISTEN_DELAY_MS = 1000

/** How to reach a PostgreSQL server: a URL, or the settings of a socket. */
export type ServerConnection = Pick<
  pg.ClientConfig,
  'connectionString' | 'host' | 'port' | 'user' | 'database'
>

/** LISTEN on a dedicated connection, re-established whenever it drops. */
async function listenOnPostgres(
  connection: ServerConnection,
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
    const next = new pg.Client(connection)
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

/** How long a pooled connection may sit idle before the pool closes it. */
const IDLE_CONNECTION_MS = 5 * 60_000

/** A pool on a PostgreSQL server, whoever runs it. */
export function openPostgresServer(
  connection: ServerConnection,
  description: string,
  options: OpenDatabaseOptions,
  onClose: () => Promise<void> = async () => {},
): Database {
  const pool = new pg.Pool({
    ...connection,
    max: options.poolSize ?? 10,
    // Fail fast when the server is down, so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 5000,
    // A connection left idle is kept for minutes, not closed after pg-pool's default 10 s: a
    // new one makes the next request wait for a backend to start, warm its caches and prepare
    // every statement again. Measured: the backlog's list (page and count on two connections)
    // took 23-33 ms after 12 s of quiet against 4-5 after 5 s, and 5-5.5 with this setting.
    // Minutes, not forever, so that a server left idle gives its connections back to a
    // PostgreSQL it shares.
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    // Our own sessions must never hold the xmin horizon: a transaction left open by a bug or
    // a stalled caller would bloat the dispatch index (bench/README.md, soak). None of ours
    // waits a minute between two statements.
    idle_in_transaction_session_timeout: 60_000,
    // A statement is sent without waiting for the answer to the one before it on the same
    // connection: a transaction's BEGIN and COMMIT travel with its first and last statements
    // (withTransaction, Transaction.commitWith) instead of taking round trips of their own.
    pipeline: true,
  })
  // An idle client that loses its server (restart, network) emits here; without a
  // listener the process would crash. The pool drops the client and makes a new one.
  pool.on('error', () => {})
  // A client checked out of the pool has no such listener (the pool removes it), so one
  // that loses its server between two statements of a transaction (the background loops
  // hold one every second) would crash the process too. Its next statement fails instead,
  // and the transaction gives the client back as broken.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  // A server whose autovacuum is off (some are run so) would leave the planner with the
  // statistics of an empty table: custom-field filters then scan the whole organization
  // (measured: a count of 52 ms instead of 3 ms at 100,000 tasks).
  const statistics = keepTaskStatisticsFresh(pool, { unlessAutovacuum: true })
  return {
    engine: 'postgres',
    pool,
    description,
    server: connection,
    listen: (channel, onMessage) => listenOnPostgres(connection, channel, onMessage),
    async close() {
      await statistics.stop()
      await pool.end()
      await onClose()
    },
  }
}

/** A human-readable name of a server URL, without its credentials. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `postgres ${parsed.host}${parsed.pathname}`
  } catch {
    return 'postgres'
  }
}
