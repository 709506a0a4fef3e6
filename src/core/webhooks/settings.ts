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
  /**
   * Consecutive failed attempts to one endpoint after which it is paused until an admin
   * resumes it. Meanwhile it backs off alone, by the retry policy's delays.
   */
  pauseAfter: number
  /** Delivered and failed deliveries are erased after this many days. */
  retentionDays: number
  /**
   * Whether webhooks may go to loopback, private and other non-public addresses: off, so
   * that one organization's admin cannot make the server probe its own network.
   */
  allowPrivateAddresses: boolean
}

/** Defaults: a receiver that is down is retried for 3 to 4 hours before giving up. */
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  pollMs: 500,
  timeoutMs: 5000,
  concurrency: 10,
  // Nominal delays 1 s, 2 s, 4 s … 2048 s, then hourly: 16 attempts span 3 to 4 hours
  // (jitter takes up to half of each delay off).
  retry: { baseMs: 1000, maxMs: 3_600_000, maxAttempts: 16 },
  // With the delays above, 20 failures in a row span 6 to 8 hours of a dead receiver.
  pauseAfter: 20,
  retentionDays: 30,
  allowPrivateAddresses: false,
}
