import { availableParallelism } from 'node:os'
import { Type } from '@sinclair/typebox'
import { type AutomationSettings, DEFAULT_AUTOMATION_SETTINGS } from '../core/automations/settings'
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../core/webhooks/settings'
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../server/config'
import { type DatabaseFlags, type DatabaseSetting, readDatabaseSetting } from './database-setting'
import {
  readRequiredSecretKeySetting,
  type SecretKeyFlags,
  type SecretKeySetting,
} from './secret-key-setting'
import { type Environment, oneOf, readSetting, type Setting } from './setting'

/** pino's levels, quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** How log lines are written: readable sentences on a terminal, JSON lines for machines. */
export const LOG_FORMATS = ['pretty', 'json'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/** Where the Prometheus metrics listener binds, when one is asked for. */
export interface MetricsListen {
  host: string
  port: number
}

/** Everything `tessera serve` runs with, checked once at start-up. */
export interface ServeConfig {
  listen: { host: string; port: number }
  /** What the HTTP server itself needs (rate limit, Redis, body limits, log level). */
  server: ServerConfig
  log: { level: (typeof LOG_LEVELS)[number]; format: LogFormat }
  webhooks: WebhookSettings
  automations: AutomationSettings
  /** PostgreSQL: a request's query unanswered this long fails with a 503 (0: never). */
  dbQueryTimeoutMs: number
  /** PostgreSQL: connections this process keeps at most (the embedded engine's and a server's). */
  dbPoolSize: number
  database: DatabaseSetting
  /** Where the key ring that seals secrets at rest comes from. */
  secretKey: Exclude<SecretKeySetting, { kind: 'none' }>
  /** The embedded PostgreSQL started by root: the OS account to run it as. */
  postgresUser?: string
  /** A separate listener for GET /metrics; null: none (the default). */
  metrics: MetricsListen | null
}

/** The flags of `tessera serve`, as commander hands them over (text, or absent). */
export interface ServeFlags extends DatabaseFlags, SecretKeyFlags {
  port?: string
  host?: string
  rateLimit?: string
  logFormat?: string
}

const Port = Type.Integer({ minimum: 0, maximum: 65535 })
const Positive = Type.Integer({ minimum: 1 })
const Host = Type.String({ minLength: 1, description: 'a host name or IP address' })

const SETTINGS = {
  port: { flag: '--port', env: 'PORT', schema: Port, hint: '0 picks any free port' },
  host: { flag: '--host', env: 'HOST', schema: Host },
  rateLimit: { flag: '--rate-limit', env: 'TESSERA_RATE_LIMIT', schema: Positive },
  redisUrl: {
    env: 'REDIS_URL',
    schema: Type.String({
      pattern: '^rediss?://',
      description: 'a Redis URL such as redis://127.0.0.1:6379',
    }),
  },
  logLevel: { env: 'LOG_LEVEL', schema: oneOf(LOG_LEVELS) },
  logFormat: {
    flag: '--log-format',
    env: 'TESSERA_LOG_FORMAT',
    schema: oneOf(LOG_FORMATS),
    hint: 'default: pretty on a terminal, json otherwise',
  },
  dbQueryTimeoutMs: {
    env: 'TESSERA_DB_QUERY_TIMEOUT_MS',
    schema: Type.Integer({ minimum: 0 }),
    hint: 'milliseconds, 0 for no limit',
  },
  dbPoolSize: {
    env: 'TESSERA_DB_POOL_SIZE',
    schema: Type.Integer({ minimum: 1, maximum: 10_000 }),
    hint: 'connections; default: twice the CPUs plus 2, at least 4',
  },
  postgresUser: {
    env: 'TESSERA_POSTGRES_USER',
    schema: Type.String({ minLength: 1, description: 'an OS user name' }),
  },
  metricsPort: { env: 'TESSERA_METRICS_PORT', schema: Port },
  webhookAllowPrivate: {
    env: 'TESSERA_WEBHOOK_ALLOW_PRIVATE',
    schema: oneOf(['0', '1']),
    hint: '1 lets webhooks reach loopback and private addresses',
  },
  metricsHost: { env: 'TESSERA_METRICS_HOST', schema: Host },
  ssoAllowPrivate: {
    env: 'TESSERA_SSO_ALLOW_PRIVATE',
    schema: oneOf(['0', '1']),
    hint: '1 lets SSO issuers be on loopback and private addresses (and http on the loopback)',
  },
  automationTickMs: {
    env: 'TESSERA_AUTOMATION_TICK_MS',
    schema: Type.Integer({ minimum: 100, maximum: 60_000 }),
    hint: 'milliseconds between looks at time rules (default 15000)',
  },
  automationClockShiftMs: {
    env: 'TESSERA_AUTOMATION_CLOCK_SHIFT_MS',
    schema: Type.Integer({ minimum: 0 }),
    hint: 'tests only: how far ahead the time rules see the clock, in milliseconds',
  },
  publicUrl: {
    env: 'TESSERA_PUBLIC_URL',
    schema: Type.String({
      pattern: '^https?://[^/?#]+/?$',
      description: 'the origin browsers reach Tessera at, such as https://tessera.example.com',
    }),
  },
} satisfies Record<string, Setting<typeof Port | typeof Host | ReturnType<typeof oneOf>>>

/**
 * How many connections a server keeps to PostgreSQL unless told: about as many as the CPUs
 * can keep busy at once, as PostgreSQL's own advice has it (twice the cores, plus a little for
 * time spent waiting). More backends than that only take turns on the CPUs, and one taken off
 * a CPU while it holds a task's row lock makes the claims behind it step around that row: on
 * 2 CPUs, 40 operators played 22% more tasks a second through 6 connections than through 20
 * (bench/README.md). PGlite is one session whatever this says.
 */
export function defaultDbPoolSize(cpus: number = availableParallelism()): number {
  return Math.max(4, 2 * cpus + 2)
}

/** The webhook variables, documented in docs/WEBHOOKS.md: whole numbers above 0. */
export const WEBHOOK_ENV = {
  pollMs: 'TESSERA_WEBHOOK_POLL_MS',
  timeoutMs: 'TESSERA_WEBHOOK_TIMEOUT_MS',
  concurrency: 'TESSERA_WEBHOOK_CONCURRENCY',
  baseMs: 'TESSERA_WEBHOOK_BACKOFF_MS',
  maxMs: 'TESSERA_WEBHOOK_BACKOFF_MAX_MS',
  maxAttempts: 'TESSERA_WEBHOOK_MAX_ATTEMPTS',
  retentionDays: 'TESSERA_WEBHOOK_RETENTION_DAYS',
  pauseAfter: 'TESSERA_WEBHOOK_PAUSE_AFTER',
} as const

/** Webhook settings from the environment, defaults for what is unset. */
export function readWebhookSettings(env: Environment = process.env): WebhookSettings {
  const d = DEFAULT_WEBHOOK_SETTINGS
  const read = (name: keyof typeof WEBHOOK_ENV, fallback: number) =>
    readSetting({ env: WEBHOOK_ENV[name], schema: Positive }, undefined, env) ?? fallback
  return {
    pollMs: read('pollMs', d.pollMs),
    timeoutMs: read('timeoutMs', d.timeoutMs),
    concurrency: read('concurrency', d.concurrency),
    retry: {
      baseMs: read('baseMs', d.retry.baseMs),
      maxMs: read('maxMs', d.retry.maxMs),
      maxAttempts: read('maxAttempts', d.retry.maxAttempts),
    },
    pauseAfter: read('pauseAfter', d.pauseAfter),
    retentionDays: read('retentionDays', d.retentionDays),
    allowPrivateAddresses:
      readSetting(SETTINGS.webhookAllowPrivate, undefined, env) === '1' || d.allowPrivateAddresses,
  }
}

/**
 * The server's whole configuration from its flags and the environment: a flag beats its
 * variable, which beats the default. Any bad value throws a {@link ConfigError} naming the
 * setting before anything is opened, bound or written.
 *
 * `isTerminal` says whether stdout is a terminal (readable logs by default); `env` is the
 * process's environment unless a test gives its own.
 */
export function readServeConfig(
  flags: ServeFlags,
  { isTerminal, env = process.env }: { isTerminal: boolean; env?: Environment },
): ServeConfig {
  const s = SETTINGS
  const metricsPort = readSetting(s.metricsPort, undefined, env)
  const logLevel = readSetting(s.logLevel, undefined, env) ?? 'info'
  const webhooks = readWebhookSettings(env)
  const database = readDatabaseSetting(flags, env)
  return {
    listen: {
      host: readSetting(s.host, flags.host, env) ?? '127.0.0.1',
      port: readSetting(s.port, flags.port, env) ?? 3000,
    },
    server: {
      ...DEFAULT_SERVER_CONFIG,
      rateLimitPerMinute:
        readSetting(s.rateLimit, flags.rateLimit, env) ?? DEFAULT_SERVER_CONFIG.rateLimitPerMinute,
      redisUrl: readSetting(s.redisUrl, undefined, env),
      logLevel,
      allowPrivateWebhookTargets: webhooks.allowPrivateAddresses,
      allowPrivateSsoIssuers: readSetting(s.ssoAllowPrivate, undefined, env) === '1',
      publicUrl: readSetting(s.publicUrl, undefined, env)?.replace(/\/$/, ''),
    },
    log: {
      level: logLevel,
      format: readSetting(s.logFormat, flags.logFormat, env) ?? (isTerminal ? 'pretty' : 'json'),
    },
    webhooks,
    automations: {
      tickMs: readSetting(s.automationTickMs, undefined, env) ?? DEFAULT_AUTOMATION_SETTINGS.tickMs,
      clockShiftMs:
        readSetting(s.automationClockShiftMs, undefined, env) ??
        DEFAULT_AUTOMATION_SETTINGS.clockShiftMs,
    },
    dbQueryTimeoutMs: readSetting(s.dbQueryTimeoutMs, undefined, env) ?? 30_000,
    dbPoolSize: readSetting(s.dbPoolSize, undefined, env) ?? defaultDbPoolSize(),
    database,
    secretKey: readRequiredSecretKeySetting(flags, database, env),
    postgresUser: readSetting(s.postgresUser, undefined, env),
    metrics:
      metricsPort === undefined
        ? null
        : { port: metricsPort, host: readSetting(s.metricsHost, undefined, env) ?? '127.0.0.1' },
  }
}
