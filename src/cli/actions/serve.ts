import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { type AutomationEngine, startAutomationEngine } from '../../app/automation-engine'
import {
  type NotificationDispatcher,
  startNotificationDispatcher,
} from '../../app/notification-dispatcher'
import { assertKeyRingOpensSecrets, sealPlainSecrets } from '../../app/sealed-secrets'
import { startWebhookDispatcher, type WebhookDispatcher } from '../../app/webhook-dispatcher'
import { readServeConfig, type ServeConfig, type ServeFlags } from '../../config/serve-config'
import { DEFAULT_ORG_SETTINGS } from '../../contract/settings'
import type { KeyRing } from '../../core/secrets'
import { buildApp } from '../../server/app'
import { createServerMetrics } from '../../server/plugins/metrics'
import { type MetricsServer, startMetricsServer } from '../../server/plugins/metrics-server'
import { hasAnyCredential } from '../../store/accounts'
import { pruneAuditLog } from '../../store/audit-events'
import type { Database } from '../../store/database'
import { OUTBOX_CHANNEL } from '../../store/outbox-wake'
import { pruneRateLimits } from '../../store/rate-limits'
import { databaseOptions } from '../command-database'
import { firstCredentialCommands } from '../first-start'
import { loadKeyRing } from '../key-ring'
import { databaseOperations } from '../local-channel/operations'
import { type LocalChannel, startLocalChannel } from '../local-channel/server'
import { openMigratedDatabase } from '../open-store'
import { assertCanListen } from '../preflight'
import { serverLogOptions } from '../server-log'

/** Says where the server listens and its data lives, and how to get in when nobody can. */
async function announce(
  app: FastifyInstance,
  db: Database,
  config: ServeConfig,
  url: string,
): Promise<void> {
  const dataDir = 'dataDir' in config.database ? config.database.dataDir : undefined
  app.log.info({ url, database: db.description, engine: db.engine, dataDir }, 'listening')
  if (!(await hasAnyCredential(db.pool))) {
    app.log.info(firstCredentialCommands(config.database), 'no credentials yet')
  }
}

/** `tessera serve`: checks everything, opens the database, listens, says where. */
export async function serve(flags: ServeFlags): Promise<void> {
  // Everything the flags and the environment say is checked, and the port tried, before
  // the database is opened: a mistake costs nothing and leaves no data directory behind.
  const config = readServeConfig(flags, { isTerminal: process.stdout.isTTY === true })
  await assertCanListen(config.listen.host, config.listen.port)
  if (config.metrics) {
    await assertCanListen(config.metrics.host, config.metrics.port, {
      port: 'TESSERA_METRICS_PORT',
      host: 'TESSERA_METRICS_HOST',
    })
  }
  const logOptions = serverLogOptions(config.log, process.stdout.isTTY === true)
  // The embedded PostgreSQL reports its start (and any crash) before the app exists.
  const engineLog = pino(logOptions, logOptions.stream).child({ component: 'postgres' })
  const { db } = await openMigratedDatabase(databaseOptions(config.database), {
    poolSize: config.dbPoolSize,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    exclusive: true,
    postgresUser: config.postgresUser,
    log: {
      info: (message) => engineLog.info(message),
      error: (message) => engineLog.error(message),
    },
  })
  let app: FastifyInstance
  let channel: LocalChannel | undefined
  let metricsServer: MetricsServer | undefined
  let webhooks: WebhookDispatcher | undefined
  let automations: AutomationEngine | undefined
  let notifications: NotificationDispatcher | undefined
  let unlistenOutbox: (() => Promise<void>) | undefined
  let url: string
  let keys: KeyRing
  try {
    // Before anything serves: a ring that cannot open what the database holds stops here,
    // and plain secrets of webhooks made before sealing existed are sealed now.
    const keyLog = pino(logOptions, logOptions.stream).child({ component: 'secrets' })
    keys = await loadKeyRing(config.secretKey, db, keyLog)
    await assertKeyRingOpensSecrets(db, keys)
    const sealed = await sealPlainSecrets(db, keys)
    if (sealed > 0) {
      keyLog.info({ sealed }, `sealed ${sealed} plain webhook secrets`)
    }
    const metrics = config.metrics ? createServerMetrics(db) : undefined
    app = await buildApp({
      db,
      config: config.server,
      keys,
      logger: { ...logOptions },
      metrics,
    })
    // Any server's queued delivery or message wakes this one's loops (migration 0027).
    unlistenOutbox = await db.listen(OUTBOX_CHANNEL, (table) => {
      if (table === 'webhook_deliveries') {
        webhooks?.nudge()
      } else if (table === 'notification_outbox') {
        notifications?.nudge()
      }
    })
    url = await app.listen(config.listen)
    if (metrics && config.metrics) {
      metricsServer = await startMetricsServer({ metrics, ...config.metrics, log: app.log })
    }
    // PGlite has one process per directory: the CLI's commands come to us instead.
    if (db.engine === 'pglite' && 'dataDir' in config.database) {
      const log = app.log
      // Without it the server still serves; only the CLI must wait for it to stop.
      channel = await startLocalChannel(databaseOperations(db), config.database.dataDir, log).catch(
        (error: unknown) => {
          log.warn(
            { err: error },
            'no local channel: CLI commands on this directory wait for the server to stop',
          )
          return undefined
        },
      )
    }
  } catch (error) {
    // The embedded PostgreSQL must not outlive a server that could not start.
    await unlistenOutbox?.()
    await db.close()
    throw error
  }
  // Old rate-limit windows are useless; any process may sweep them.
  const sweep = setInterval(() => {
    pruneRateLimits(db.pool, new Date(Date.now() - 5 * 60_000)).catch(() => {})
  }, 60_000)
  sweep.unref()
  // Audit entries past their organization's retention, at start-up and every hour; any
  // process may sweep them.
  const pruneAudit = () => {
    pruneAuditLog(db, DEFAULT_ORG_SETTINGS.audit_retention_days).catch((error: unknown) => {
      app.log.warn({ err: error }, 'could not prune the audit log')
    })
  }
  const auditSweep = setInterval(pruneAudit, 3_600_000)
  auditSweep.unref()
  pruneAudit()

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) {
      return
    }
    closing = true
    app.log.info({ signal }, 'shutting down')
    clearInterval(sweep)
    clearInterval(auditSweep)
    await channel?.close()
    await metricsServer?.close()
    await unlistenOutbox?.()
    // Before the database closes: in-flight deliveries are handed back for a later attempt.
    await webhooks?.stop()
    await automations?.stop()
    await notifications?.stop()
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await announce(app, db, config, url)
  webhooks = startWebhookDispatcher({
    db,
    settings: config.webhooks,
    keys,
    log: app.log.child({ component: 'webhooks' }),
  })
  notifications = startNotificationDispatcher({
    db,
    settings: config.webhooks,
    keys,
    log: app.log.child({ component: 'notifications' }),
  })
  automations = startAutomationEngine({
    db,
    settings: config.automations,
    log: app.log.child({ component: 'automations' }),
  })
}
