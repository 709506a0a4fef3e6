import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { AppError } from '../../contract/errors'
import type { Database } from '../../store/database'
import { hitRateLimit } from '../../store/rate-limits'
import type { ServerConfig } from '../config'

const WINDOW_MS = 60_000

/** A @fastify/rate-limit store that counts in PostgreSQL, shared by every server process. */
function databaseStore(db: Database) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      hitRateLimit(db.pool, key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      )
    }

    child(): FastifyRateLimitStore {
      return this
    }
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
  await app.register(rateLimit, {
    global: true,
    // After authentication (onRequest), so the key is the token and its own limit applies.
    hook: 'preValidation',
    timeWindow: WINDOW_MS,
    max: (request) => request.principal?.rateLimitPerMinute ?? config.rateLimitPerMinute,
    keyGenerator: (request) =>
      request.principal ? `token:${request.principal.tokenUid}` : `ip:${request.ip}`,
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
