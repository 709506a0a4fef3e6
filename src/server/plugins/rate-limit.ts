import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Redis } from 'ioredis'
import { AppError } from '../../contract/errors'
import type { Database } from '../../store/database'
import { hitRateLimit } from '../../store/rate-limits'
import type { ServerConfig } from '../config'
import { RateLeases } from './rate-lease'

export const RATE_LIMIT_WINDOW_MS = 60_000

/**
 * Keys of hits the authentication statement has already counted carry the count itself
 * (`counted:<hits>:<ttl ms>:<key>`): the store only has the key to go on, and reading the
 * count back would cost the round trip that counting there saved.
 */
const COUNTED = /^counted:(\d+):(\d+):/

function countedKey(request: FastifyRequest): string | null {
  const hit = request.rateLimitHit
  return hit && request.principal
    ? `counted:${hit.hits}:${hit.ttlMs}:token:${request.principal.tokenUid}`
    : null
}

/** How long start-up waits for Redis before serving with the limiter failing open. */
const REDIS_READY_TIMEOUT_MS = 5000

/** A @fastify/rate-limit store that counts in PostgreSQL, shared by every server process. */
function databaseStore(db: Database) {
  const leases = new RateLeases((key, windowMs, count) =>
    hitRateLimit(db.pool, key, windowMs, count),
  )
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      const counted = COUNTED.exec(key)
      if (counted) {
        callback(null, { current: Number(counted[1]), ttl: Number(counted[2]) })
        return
      }
      // Most hits come out of the reservation in hand: answered at once, without a promise.
      const taken = leases.take(key)
      if (taken) {
        callback(null, taken)
        return
      }
      leases.hit(key, timeWindow, max).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      )
    }

    child(): FastifyRateLimitStore {
      return this
    }
  }
}

/**
 * Waits until Redis accepts commands. Commands sent earlier fail at once (no offline queue)
 * and `skipOnError` would let those requests through uncounted: a freshly started process
 * would not limit anyone. If Redis does not answer in time, the server starts anyway.
 */
async function redisReady(redis: Redis, app: FastifyInstance): Promise<void> {
  const ready = await new Promise<boolean>((resolve) => {
    if (redis.status === 'ready') {
      resolve(true)
      return
    }
    redis.once('ready', () => resolve(true))
    setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS).unref()
  })
  if (!ready) {
    app.log.warn('Redis is not ready: rate limits are not enforced until it is')
  }
}

/**
 * Limits requests per token (per client IP before authentication), across all server
 * processes: counters live in Redis when configured, else in the database.
 *
 * @returns a function that closes the Redis connection, if any
 */
export async function registerRateLimit(
  app: FastifyInstance,
  db: Database,
  config: ServerConfig,
): Promise<() => Promise<void>> {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : null
  if (redis) {
    // Without a listener ioredis prints every failed reconnection to stderr.
    redis.on('error', (error: Error) => app.log.warn({ err: error }, 'Redis error'))
    await redisReady(redis, app)
  }
  await app.register(rateLimit, {
    global: true,
    // A route-level hook, so it runs after the auth plugin's onRequest hook has resolved the
    // token (the key is the token and its own limit applies) but before the auth plugin
    // refuses anything: wrong tokens are limited per IP, and a 429 costs no body parsing.
    hook: 'onRequest',
    timeWindow: RATE_LIMIT_WINDOW_MS,
    max: (request) => request.principal?.rateLimitPerMinute ?? config.rateLimitPerMinute,
    keyGenerator: (request) =>
      countedKey(request) ??
      (request.principal ? `token:${request.principal.tokenUid}` : `ip:${request.ip}`),
    enableDraftSpec: true,
    ...(redis ? { redis, nameSpace: 'tessera-rate-limit:' } : { store: databaseStore(db) }),
    // A counter store that is down must not take the API down with it.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}.`,
      ),
  })
  return async () => {
    redis?.disconnect()
  }
}
