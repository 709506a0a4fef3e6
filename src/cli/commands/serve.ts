import type { Command } from 'commander'
import { startWebhookDispatcher, type WebhookDispatcher } from '../../app/webhook-dispatcher'
import { webhookSettingsFromEnv } from '../../core/webhooks/settings'
import { buildApp } from '../../server/app'
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../../server/config'
import { pruneRateLimits } from '../../store/rate-limits'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { openMigratedDatabase } from '../open-store'

interface ServeOptions extends DatabaseOptions {
  port: string
  host: string
  rateLimit?: string
}

function parsePositiveInt(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a whole number, not ${value}`)
  }
  return n
}

function serverConfig(options: ServeOptions): ServerConfig {
  const env = process.env
  const rateLimit = options.rateLimit ?? env.TESSERA_RATE_LIMIT
  return {
    ...DEFAULT_SERVER_CONFIG,
    rateLimitPerMinute: rateLimit
      ? parsePositiveInt(rateLimit, 'the rate limit')
      : DEFAULT_SERVER_CONFIG.rateLimitPerMinute,
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? DEFAULT_SERVER_CONFIG.logLevel,
  }
}

/**
 * How long a request's query may wait for PostgreSQL's answer: past it the request gets a 503
 * rather than hanging on a database that went silent. Well above any request's real queries.
 */
function queryTimeoutMs(env: NodeJS.ProcessEnv): number {
  const value = env.TESSERA_DB_QUERY_TIMEOUT_MS
  return value ? parsePositiveInt(value, 'TESSERA_DB_QUERY_TIMEOUT_MS') : 30_000
}

async function serve(options: ServeOptions): Promise<void> {
  const config = serverConfig(options)
  const webhookSettings = webhookSettingsFromEnv(process.env)
  const port = parsePositiveInt(options.port, '--port')
  // The embedded PostgreSQL may report before the app and its logger exist.
  let logger: { info(message: string): void; error(message: string): void } = {
    info: (message) => console.error(message),
    error: (message) => console.error(message),
  }
  const { db } = await openMigratedDatabase(options, {
    poolSize: 20,
    queryTimeoutMs: queryTimeoutMs(process.env),
    exclusive: true,
    postgresUser: process.env.TESSERA_POSTGRES_USER || undefined,
    log: { info: (message) => logger.info(message), error: (message) => logger.error(message) },
  })
  const app = await buildApp({ db, config })
  const engineLog = app.log.child({ component: 'postgres' })
  logger = {
    info: (message) => engineLog.info(message),
    error: (message) => engineLog.error(message),
  }
  // Old rate-limit windows are useless; any process may sweep them.
  const sweep = setInterval(() => {
    pruneRateLimits(db.pool, new Date(Date.now() - 5 * 60_000)).catch(() => {})
  }, 60_000)
  sweep.unref()

  let webhooks: WebhookDispatcher | undefined
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) {
      return
    }
    closing = true
    app.log.info({ signal }, 'shutting down')
    clearInterval(sweep)
    // Before the database closes: in-flight deliveries are handed back for a later attempt.
    await webhooks?.stop()
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const address = await app.listen({ port, host: options.host })
  app.log.info({ url: address, database: db.description }, 'listening')
  webhooks = startWebhookDispatcher({
    db,
    settings: webhookSettings,
    log: app.log.child({ component: 'webhooks' }),
  })
}

/** `tessera serve`: the API server. */
export function registerServeCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('serve')
      .description('Start the API server (PGlite in ./data unless told otherwise)')
      .option('-p, --port <port>', 'port to listen on (env PORT)', process.env.PORT ?? '3000')
      .option('--host <host>', 'interface to listen on (env HOST)', process.env.HOST ?? '127.0.0.1')
      .option(
        '--rate-limit <n>',
        'requests per minute per token (env TESSERA_RATE_LIMIT; default 600)',
      ),
  ).action(serve)
}
