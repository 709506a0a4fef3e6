import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { Database } from './database'

/** The channel of migration 0023's triggers: `token:<uid>`, `user:<uid>`, `org:<uid>`. */
export const AUTH_CHANNEL = 'tessera_auth'

/** The `application_name` of each process's LISTEN connection. */
export const AUTH_LISTENER_NAME = 'tessera auth cache'

/** How long a lost LISTEN connection waits before trying again. */
const RECONNECT_MS = 500

/** How long the freshness probe goes on after the cache was last asked. */
const IDLE_MS = 5_000

/**
 * What a cache of authentication data needs from the database: each invalidation as it
 * commits, a word when one may have been missed, and whether it may trust what it holds.
 */
export interface InvalidationFeed {
  /**
   * True when every invalidation committed more than `boundMs` ago has been delivered
   * (`now` from performance.now()). False while the connection is down or slow.
   */
  current(now: number): boolean
  /** True while invalidations are being received: a read begun now may be cached. */
  listening(): boolean
  stop(): Promise<void>
}

/** What the feed tells its cache. */
export interface FeedEvents {
  /** An invalidation (a payload of {@link AUTH_CHANNEL}). */
  message(payload: string): void
  /** The connection dropped: anything may have changed unannounced since. */
  lost(): void
}

/**
 * Invalidations on a PostgreSQL server, for a cache shared by no other process: one
 * connection of its own LISTENs and, every `boundMs / 4` while the cache is being asked,
 * runs an empty statement.
 *
 * Why that proves freshness: PostgreSQL hands a session the notifications of every
 * transaction that committed before it goes idle, ahead of the ReadyForQuery that ends a
 * statement, and node-postgres emits them in the order they arrive. So when a statement sent
 * at time t has answered, every invalidation committed before t has been handled; the cache
 * is current for `boundMs` after the send of the last answered statement. A connection that
 * stops answering (a partition, a frozen server) therefore stops the cache within the bound,
 * with no timeout to tune; one that errors or ends drops the cache at once.
 *
 * An idle process stops probing after {@link IDLE_MS} without a question, so a quiet server
 * sends nothing; the first request after that is answered from the database while the probe
 * it restarts catches up.
 */
function listenOnServer(db: Database, events: FeedEvents, boundMs: number): InvalidationFeed {
  const connection = db.server
  if (!connection) {
    throw new Error('a PostgreSQL server engine without connection settings')
  }
  let client: pg.Client | null = null
  let verifiedAt = Number.NEGATIVE_INFINITY
  let stopped = false
  let beat: NodeJS.Timeout | undefined
  let retry: NodeJS.Timeout | undefined
  let probing = false
  let askedAt = Number.NEGATIVE_INFINITY
  const period = Math.max(1, Math.floor(boundMs / 4))

  const drop = (failed: pg.Client): void => {
    if (client !== failed) {
      return
    }
    client = null
    verifiedAt = Number.NEGATIVE_INFINITY
    clearInterval(beat)
    beat = undefined
    failed.end().catch(() => {})
    events.lost()
    if (!stopped) {
      retry = setTimeout(connect, RECONNECT_MS)
      retry.unref()
    }
  }

  const probe = (current: pg.Client): void => {
    if (probing) {
      return
    }
    probing = true
    const sentAt = performance.now()
    current.query('SELECT 1').then(
      () => {
        probing = false
        if (client === current) {
          verifiedAt = sentAt
        }
      },
      () => {
        probing = false
        drop(current)
      },
    )
  }

  const tick = (): void => {
    if (client === null || performance.now() - askedAt > IDLE_MS) {
      clearInterval(beat)
      beat = undefined
      return
    }
    probe(client)
  }

  /** Probes at once and every period from now, unless already doing so. */
  const wake = (): void => {
    if (beat !== undefined || client === null || verifiedAt === Number.NEGATIVE_INFINITY) {
      return
    }
    beat = setInterval(tick, period)
    beat.unref()
    probe(client)
  }

  function connect(): void {
    if (stopped) {
      return
    }
    // Named, so that an operator (or a test) can tell it from the pool's connections.
    const next = new pg.Client({ ...connection, application_name: AUTH_LISTENER_NAME })
    next.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL && message.payload !== undefined) {
        events.message(message.payload)
      }
    })
    next.on('error', () => drop(next))
    next.on('end', () => drop(next))
    client = next
    const sentAt = performance.now()
    next
      .connect()
      .then(() => next.query(`LISTEN ${pg.escapeIdentifier(AUTH_CHANNEL)}`))
      .then(
        () => {
          if (client !== next) {
            return
          }
          // Nothing committed before LISTEN can be announced now: whatever the cache held
          // was dropped when the connection was lost (or it is empty, at start).
          verifiedAt = sentAt
          wake()
        },
        () => drop(next),
      )
  }

  connect()
  return {
    current: (now) => {
      askedAt = now
      wake()
      return now - verifiedAt <= boundMs
    },
    listening: () => client !== null && verifiedAt > Number.NEGATIVE_INFINITY,
    async stop() {
      stopped = true
      clearTimeout(retry)
      clearInterval(beat)
      beat = undefined
      const last = client
      client = null
      await last?.end().catch(() => {})
    },
  }
}

/**
 * Invalidations on PGlite: one process owns the database, and PGlite hands a notification
 * to its listeners while the committing statement's answer is read, before that statement
 * returns. The cache is therefore always current.
 */
async function listenInProcess(db: Database, events: FeedEvents): Promise<InvalidationFeed> {
  const unlisten = await db.listen(AUTH_CHANNEL, (payload) => events.message(payload))
  return {
    current: () => true,
    listening: () => true,
    stop: unlisten,
  }
}

/** Starts receiving the invalidations of migration 0023's triggers. */
export async function listenForAuthInvalidations(
  db: Database,
  events: FeedEvents,
  boundMs: number,
): Promise<InvalidationFeed> {
  return db.engine === 'pglite' ? listenInProcess(db, events) : listenOnServer(db, events, boundMs)
}
