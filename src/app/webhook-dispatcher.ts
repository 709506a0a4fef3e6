import type { BaseLogger } from 'pino'
import { DEFAULT_CALENDAR } from '../contract/calendar'
import { type KeyRing, openSecret, SecretOpenError } from '../core/secrets'
import { buildDeliveryRequest } from '../core/webhooks/payload'
import { retryAfterFailure } from '../core/webhooks/retry'
import type { WebhookSettings } from '../core/webhooks/settings'
import { presentTask } from '../presenters/task'
import type { Database } from '../store/database'
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDueDeliveries,
  deferBlockedDeliveries,
  pruneDeliveries,
  recordAttempt,
  releaseDelivery,
} from '../store/webhook-deliveries'
import { recordEndpointFailure, recordEndpointSuccess } from '../store/webhook-health'
import { outboundFetch } from './outbound-fetch'
import { type AttemptContext, type OutboxLoop, startOutboxLoop } from './outbox-loop'

/** The delivery loop of one server process. */
export type WebhookDispatcher = OutboxLoop

/** What {@link startWebhookDispatcher} needs. */
export interface DispatcherOptions {
  db: Database
  settings: WebhookSettings
  /** Opens the webhooks' sealed secrets to sign. */
  keys: KeyRing
  log: Pick<BaseLogger, 'debug' | 'warn'>
}

/** Longest excerpt of a failing receiver's answer kept in the delivery log. */
const EXCERPT_CHARS = 300
// A claim outlives the attempt's timeout by this much, time enough to record the outcome.
const LEASE_MARGIN_MS = 60_000
const SHUTDOWN = 'shutting down'
/** Blocked deliveries moved along per look; a backlog is worked off over a few looks. */
const DEFER_BATCH = 1000

/**
 * Most attempts in flight to one endpoint (over every process), as a share of a process's
 * concurrency: a receiver that hangs can hold at most this many, and only until its first
 * failure, after which it gets one probe at a time.
 */
export function perEndpointLimit(concurrency: number): number {
  return Math.max(1, Math.ceil(concurrency / 2))
}

/** The start of a failing answer's body, for the log; never more than a few hundred bytes. */
export async function excerptOf(response: Response): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) {
    return ''
  }
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < EXCERPT_CHARS * 4) {
    const { done, value } = await reader.read()
    if (done) {
      break
    }
    chunks.push(value)
    size += value.length
  }
  await reader.cancel().catch(() => {})
  return Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS).trim()
}

/** Why an attempt got no answer, as the delivery log says it. */
export function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) {
    return `no answer within ${timeoutMs} ms`
  }
  // fetch reports network errors as "fetch failed" with the real reason as the cause.
  const cause = error instanceof Error ? (error.cause ?? error) : error
  return cause instanceof Error ? cause.message : String(cause)
}

/**
 * Starts delivering the outbox: every `pollMs`, and as soon as an attempt ends, it claims
 * due deliveries (up to `concurrency` in flight, and {@link perEndpointLimit} per endpoint)
 * and POSTs each with a timeout.
 */
export function startWebhookDispatcher({
  db,
  settings,
  keys,
  log,
}: DispatcherOptions): WebhookDispatcher {
  const post = outboundFetch(settings.allowPrivateAddresses)

  const send = async (claim: ClaimedDelivery, abort: AbortController): Promise<AttemptOutcome> => {
    const timeout = setTimeout(() => abort.abort(), settings.timeoutMs)
    let responseStatus: number | null = null
    try {
      const task = presentTask(claim.task, claim.calendar ?? DEFAULT_CALENDAR, claim.occurred_at)
      const { body, headers } = buildDeliveryRequest(
        {
          deliveryUid: claim.uid,
          type: claim.type,
          eventId: claim.event_id,
          eventType: claim.event_type,
          actorUid: claim.actor_uid,
          data: claim.info,
          occurredAt: claim.occurred_at,
        },
        task,
        openSecret(keys, claim.secret_sealed),
        new Date(),
      )
      // Redirects are not followed: the receiver is the URL the admin registered.
      const response = await post(claim.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: abort.signal,
      })
      responseStatus = response.status
      if (response.ok) {
        await response.body?.cancel().catch(() => {})
        return { delivered: true, responseStatus, error: null, retryInMs: null }
      }
      const excerpt = await excerptOf(response).catch(() => '')
      return failed(claim, responseStatus, `HTTP ${responseStatus}${excerpt && `: ${excerpt}`}`)
    } catch (error) {
      if (abort.signal.reason === SHUTDOWN && responseStatus === null) {
        throw error
      }
      if (error instanceof SecretOpenError) {
        // Only a server whose key ring lacks a key another server sealed with gets here:
        // start-up refuses a ring that cannot open what the database holds.
        return failed(
          claim,
          null,
          `not sent: the webhook's secret cannot be opened. ${error.message}`,
        )
      }
      return failed(claim, responseStatus, describeFailure(error, abort.signal, settings.timeoutMs))
    } finally {
      clearTimeout(timeout)
    }
  }

  const failed = (claim: ClaimedDelivery, status: number | null, error: string): AttemptOutcome => {
    const decision = retryAfterFailure(claim.attempts, settings.retry)
    const retryInMs = decision.retry ? decision.delayMs : null
    const context = { delivery: claim.uid, attempts: claim.attempts, url: claim.url, error }
    if (retryInMs === null) {
      log.warn(context, 'webhook delivery failed for good')
    } else {
      log.debug({ ...context, retryInMs }, 'webhook delivery attempt failed')
    }
    return { delivered: false, responseStatus: status, error, retryInMs }
  }

  /** Keeps the endpoint's health; returns how long it now backs off, in ms. */
  const recordEndpoint = async (claim: ClaimedDelivery, outcome: AttemptOutcome) => {
    if (outcome.delivered) {
      await recordEndpointSuccess(db.pool, claim.org_uid, claim.webhook_uid)
      return 0
    }
    const failure = await recordEndpointFailure(
      db.pool,
      claim.org_uid,
      claim.webhook_uid,
      outcome.error ?? '',
      {
        baseMs: settings.retry.baseMs,
        maxMs: settings.retry.maxMs,
        pauseAfter: settings.pauseAfter,
      },
    )
    if (failure?.pausedNow) {
      // There is no notification system yet: the warning and the webhook's health
      // (GET /webhooks) are how an admin learns of it.
      log.warn(
        { webhook: claim.webhook_uid, url: claim.url, failures: failure.consecutiveFailures },
        'webhook paused after consecutive failures; resume it with POST /webhooks/{uid}/resume',
      )
    }
    return failure?.backoffMs ?? 0
  }

  const attempt = async (claim: ClaimedDelivery, { shutdown, wakeIn }: AttemptContext) => {
    const abort = new AbortController()
    const stop = () => abort.abort(SHUTDOWN)
    if (shutdown.aborted) {
      stop()
    }
    shutdown.addEventListener('abort', stop, { once: true })
    try {
      const outcome = await send(claim, abort).catch(() => null)
      if (outcome) {
        // The endpoint's health first, the lease after: while the lease holds, the attempt
        // still counts as in flight, so no claim can see its slot free before its failure is
        // counted (a fourth attempt where three pause the endpoint, or a probe beside a probe).
        const backoffMs = await recordEndpoint(claim, outcome)
        await recordAttempt(db.pool, claim, outcome)
        // The next event of the task is due now; a retry soon after, perhaps before a poll.
        wakeIn(Math.max(outcome.retryInMs ?? 0, backoffMs))
      } else {
        await releaseDelivery(db.pool, claim)
      }
    } catch (error) {
      // The lease runs out and another attempt follows: at least once, even so.
      log.warn({ err: error, delivery: claim.uid }, 'could not record a webhook attempt')
    } finally {
      shutdown.removeEventListener('abort', stop)
    }
  }

  return startOutboxLoop({
    pollMs: settings.pollMs,
    concurrency: settings.concurrency,
    claim: (room) =>
      deferBlockedDeliveries(db.pool, DEFER_BATCH).then(() =>
        claimDueDeliveries(
          db.pool,
          room,
          settings.timeoutMs + LEASE_MARGIN_MS,
          perEndpointLimit(settings.concurrency),
        ),
      ),
    attempt,
    prune: () => pruneDeliveries(db.pool, settings.retentionDays),
    log,
    messages: {
      claimFailed: 'could not claim webhook deliveries',
      pruneFailed: 'could not prune the webhook delivery log',
    },
  })
}
