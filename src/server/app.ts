import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { KeyRing } from '../core/secrets'
import type { Database } from '../store/database'
import { AuthCache, authCacheBoundMs } from './auth-cache'
import type { ServerConfig } from './config'
import { LiveHub } from './live/live-hub'
import { registerAuth } from './plugins/auth'
import { answerClientError, answerFrameworkError, registerErrorHandling } from './plugins/errors'
import { registerJsonBody } from './plugins/json-body'
import { registerMetrics, type ServerMetrics } from './plugins/metrics'
import { registerOpenApi } from './plugins/openapi'
import { RATE_LIMIT_WINDOW_MS, registerRateLimit } from './plugins/rate-limit'
import { registerRequestLog } from './plugins/request-log'
import { registerCookies } from './plugins/session'
import { registerWebApp } from './plugins/web-app'
import { registerAccountRoutes } from './routes/accounts'
import { registerAuditRoutes } from './routes/audit'
import { registerAuthRoutes } from './routes/auth'
import { registerAutomationRoutes } from './routes/automations'
import { registerCalendarRoutes } from './routes/calendars'
import { registerDailyStatsRoutes } from './routes/daily-stats'
import { registerFieldRoutes } from './routes/fields'
import { registerFormRoutes } from './routes/forms'
import { registerHealthRoutes } from './routes/health'
import { registerLiveRoutes } from './routes/live'
import { registerNotificationRoutes } from './routes/notifications'
import { registerPlayerRoutes } from './routes/player'
import { registerQueueStatsRoutes } from './routes/queue-stats'
import { registerQueueRoutes } from './routes/queues'
import { registerReportRoutes } from './routes/reports'
import { registerSessionRoutes } from './routes/sessions'
import { registerSettingsRoutes } from './routes/settings'
import { registerSsoRoutes } from './routes/sso'
import { registerAssignmentRoutes } from './routes/tasks/assignment'
import { registerBatchTaskRoutes } from './routes/tasks/batch'
import { registerBulkTaskRoutes } from './routes/tasks/bulk'
import { registerCommentRoutes } from './routes/tasks/comments'
import { registerExportTaskRoutes } from './routes/tasks/export'
import { registerListTaskRoutes } from './routes/tasks/list'
import { registerQueryTaskRoutes } from './routes/tasks/query'
import { registerSearchTaskRoutes } from './routes/tasks/search'
import { registerSingleTaskRoutes } from './routes/tasks/single'
import { registerTokenRoutes } from './routes/tokens'
import { registerUserRoutes } from './routes/users'
import { registerViewRoutes } from './routes/views'
import { registerWebhookRoutes } from './routes/webhooks'
import { serializerCompiler } from './serialization'
import type { Api, RouteDeps } from './types'
import { validatorCompiler } from './validation'

/** Options for {@link buildApp}. */
export interface BuildAppOptions {
  db: Database
  config: ServerConfig
  /** The key ring secrets at rest are sealed with (see src/core/secrets). */
  keys: KeyRing
  /** pino options, or false to log nothing (tests of the app itself). */
  logger?: boolean | Record<string, unknown>
  /** Where to count requests and player actions; none when metrics are off. */
  metrics?: ServerMetrics
}

const REQUEST_ID = /^[\w.:-]{1,100}$/

/** Assembles the HTTP server. Listening is the caller's business. */
export async function buildApp({
  db,
  config,
  keys,
  logger,
  metrics,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // One line per request comes from request-log.ts, with the token name and latency.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    // A caller's own request id is kept when it is safe to log; otherwise we make one.
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { allErrors: true } },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // Hooks on every request take a callback rather than being async: a promise per hook per
  // request is measurable on a cached GET.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    done(null, payload)
  })
  registerErrorHandling(app)
  registerRequestLog(app)
  if (metrics) {
    registerMetrics(app, metrics)
  }
  await registerCookies(app)
  // The database rate-limit store counts a token's hit in the authentication statement.
  const cacheBoundMs = authCacheBoundMs(process.env)
  const authCache = cacheBoundMs > 0 ? new AuthCache(db, cacheBoundMs) : undefined
  await authCache?.start()
  app.addHook('onClose', async () => authCache?.stop())
  registerAuth(app, db, {
    countRateLimitWindowMs: config.redisUrl ? undefined : RATE_LIMIT_WINDOW_MS,
    cache: authCache,
  })
  const closeRateLimit = await registerRateLimit(app, db, config)
  app.addHook('onClose', closeRateLimit)
  // After authentication: a request without a valid token is refused before its body is read.
  registerJsonBody(app)
  await registerOpenApi(app)

  const deps: RouteDeps = { db, config, keys }
  const liveHub = new LiveHub(db)
  await liveHub.start()
  app.addHook('onClose', () => liveHub.stop())
  registerHealthRoutes(app as Api, deps)
  await app.register(
    async (v1) => {
      const api = v1 as Api
      registerHealthRoutes(api, deps)
      registerAccountRoutes(api)
      registerTokenRoutes(api, deps)
      registerSingleTaskRoutes(api, deps)
      registerBatchTaskRoutes(api, deps)
      registerBulkTaskRoutes(api, deps)
      registerListTaskRoutes(api, deps)
      registerSearchTaskRoutes(api, deps)
      registerExportTaskRoutes(api, deps)
      registerCommentRoutes(api, deps)
      registerQueryTaskRoutes(api, deps)
      registerAssignmentRoutes(api, deps)
      registerQueueRoutes(api, deps)
      registerQueueStatsRoutes(api, deps)
      registerFieldRoutes(api, deps)
      registerFormRoutes(api, deps)
      registerPlayerRoutes(api, deps)
      registerUserRoutes(api, deps)
      registerSettingsRoutes(api, deps)
      registerCalendarRoutes(api, deps)
      registerWebhookRoutes(api, deps)
      registerAutomationRoutes(api, deps)
      registerViewRoutes(api, deps)
      registerAuthRoutes(api, deps)
      registerSsoRoutes(api, deps)
      registerSessionRoutes(api, deps)
      registerLiveRoutes(api, liveHub)
      registerDailyStatsRoutes(api, deps)
      registerReportRoutes(api, deps)
      registerAuditRoutes(api, deps)
      registerNotificationRoutes(api, deps)
    },
    { prefix: '/api/v1' },
  )
  await registerWebApp(app)
  return app
}
