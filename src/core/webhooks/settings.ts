import type { RetryPolicy } from './retry'

/** How one server process delivers webhooks. */
export interface WebhookSettings {
  /** How often the outbox is looked at when nothing else wakes the dispatcher, in ms. */
  pollMs: number
  /** How long a receiver has to answer one attempt, in ms. */
  timeoutMs: number
  /** Attempts in flight at once in this process (each to a different task or webhook). */
  concurrency: number
  retry: RetryPolicy
  /** Delivered and failed deliveries are erased after this many days. */
  retentionDays: number
}

/** Defaults: a receiver that is down is retried for 3 to 4 hours before giving up. */
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  pollMs: 500,
  timeoutMs: 5000,
  concurrency: 10,
  // Nominal delays 1 s, 2 s, 4 s … 2048 s, then hourly: 16 attempts span 3 to 4 hours
  // (jitter takes up to half of each delay off).
  retry: { baseMs: 1000, maxMs: 3_600_000, maxAttempts: 16 },
  retentionDays: 30,
}

/** The environment variables read by {@link webhookSettingsFromEnv}, documented in docs/WEBHOOKS.md. */
export const WEBHOOK_ENV = {
  pollMs: 'TESSERA_WEBHOOK_POLL_MS',
  timeoutMs: 'TESSERA_WEBHOOK_TIMEOUT_MS',
  concurrency: 'TESSERA_WEBHOOK_CONCURRENCY',
  baseMs: 'TESSERA_WEBHOOK_BACKOFF_MS',
  maxMs: 'TESSERA_WEBHOOK_BACKOFF_MAX_MS',
  maxAttempts: 'TESSERA_WEBHOOK_MAX_ATTEMPTS',
  retentionDays: 'TESSERA_WEBHOOK_RETENTION_DAYS',
} as const

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name]
  if (raw === undefined || raw === '') {
    return fallback
  }
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${name} must be a whole number above 0, not ${raw}`)
  }
  return n
}

/**
 * Webhook settings from the environment, defaults for what is unset. A wrong value stops
 * the server at start-up rather than being silently replaced.
 */
export function webhookSettingsFromEnv(env: Record<string, string | undefined>): WebhookSettings {
  const d = DEFAULT_WEBHOOK_SETTINGS
  return {
    pollMs: positiveInt(env, WEBHOOK_ENV.pollMs, d.pollMs),
    timeoutMs: positiveInt(env, WEBHOOK_ENV.timeoutMs, d.timeoutMs),
    concurrency: positiveInt(env, WEBHOOK_ENV.concurrency, d.concurrency),
    retry: {
      baseMs: positiveInt(env, WEBHOOK_ENV.baseMs, d.retry.baseMs),
      maxMs: positiveInt(env, WEBHOOK_ENV.maxMs, d.retry.maxMs),
      maxAttempts: positiveInt(env, WEBHOOK_ENV.maxAttempts, d.retry.maxAttempts),
    },
    retentionDays: positiveInt(env, WEBHOOK_ENV.retentionDays, d.retentionDays),
  }
}
