import type { BaseLogger } from 'pino'
import { type KeyRing, openSecret, SecretOpenError } from '../core/secrets'
import { retryAfterFailure } from '../core/webhooks/retry'
import type { WebhookSettings } from '../core/webhooks/settings'
import type { Database } from '../store/database'
import { recordChannelFailure, recordChannelSuccess } from '../store/notification-channels'
import {
  type ClaimedMessage,
  claimDueMessages,
  pruneNotifications,
  recordMessageAttempt,
  releaseMessage,
} from '../store/notifications'
import { type EmailSettings, SendError, sendEmail, sendSlack } from './notification-senders'
import { outboundFetch } from './outbound-fetch'
import { type AttemptContext, type OutboxLoop, startOutboxLoop } from './outbox-loop'

/** The notification loop of one server process. */
export type NotificationDispatcher = OutboxLoop

const LEASE_MARGIN_MS = 60_000

/**
 * Delivers the notification outbox (Slack, email) as the webhook dispatcher delivers its own,
 * with the same settings (poll, timeout, concurrency, retries, pause after, retention, private
 * addresses): claims due messages, sends each outside any transaction, records the outcome
 * and the channel's health. A failing channel backs off and pauses alone.
 */
export function startNotificationDispatcher({
  db,
  settings,
  keys,
  log,
}: {
  db: Database
  settings: WebhookSettings
  keys: KeyRing
  log: Pick<BaseLogger, 'debug' | 'warn'>
}): NotificationDispatcher {
  const post = outboundFetch(settings.allowPrivateAddresses)

  const send = async (claim: ClaimedMessage, shutdown: AbortSignal): Promise<void> => {
    const secret = claim.secret_sealed === null ? null : openSecret(keys, claim.secret_sealed)
    if (claim.kind === 'slack') {
      if (!secret) {
        throw new SendError('not sent: the channel has no webhook URL')
      }
      await sendSlack(post, secret, claim, settings.timeoutMs, shutdown)
    } else {
      // nodemailer cannot be aborted: a shutdown stops waiting for it, and the message is
      // given back (it may then arrive twice: delivery is at least once).
      const stopped = new Promise<never>((_, reject) => {
        const fail = () => reject(new Error('shutting down'))
        if (shutdown.aborted) {
          fail()
        }
        shutdown.addEventListener('abort', fail, { once: true })
      })
      stopped.catch(() => {})
      await Promise.race([
        sendEmail(
          claim.settings as unknown as EmailSettings,
          secret,
          claim.recipients,
          claim,
          settings.timeoutMs,
        ),
        stopped,
      ])
    }
  }

  const attempt = async (claim: ClaimedMessage, { shutdown, wakeIn }: AttemptContext) => {
    if (shutdown.aborted) {
      await releaseMessage(db.pool, claim).catch(() => {})
      return
    }
    let error: string | null = null
    try {
      await send(claim, shutdown)
    } catch (failure) {
      error =
        failure instanceof SecretOpenError
          ? `not sent: the channel's secret cannot be opened. ${failure.message}`
          : failure instanceof Error
            ? failure.message
            : String(failure)
    }
    try {
      if (error !== null && shutdown.aborted) {
        await releaseMessage(db.pool, claim)
        return
      }
      if (error === null) {
        await recordMessageAttempt(db.pool, claim, { delivered: true, error, retryInMs: null })
        await recordChannelSuccess(db.pool, claim.org_uid, claim.channel_uid)
        wakeIn(0)
        return
      }
      const decision = retryAfterFailure(claim.attempts, settings.retry)
      const retryInMs = decision.retry ? decision.delayMs : null
      await recordMessageAttempt(db.pool, claim, { delivered: false, error, retryInMs })
      const failure = await recordChannelFailure(db.pool, claim.org_uid, claim.channel_uid, error, {
        baseMs: settings.retry.baseMs,
        maxMs: settings.retry.maxMs,
        pauseAfter: settings.pauseAfter,
      })
      if (failure?.pausedNow) {
        log.warn(
          { channel: claim.channel_uid, failures: failure.consecutiveFailures, error },
          'notification channel paused after consecutive failures; resume it with POST /notification-channels/{uid}/resume',
        )
      } else {
        log.debug({ message: claim.uid, error, retryInMs }, 'notification attempt failed')
      }
      wakeIn(Math.min(retryInMs ?? settings.retry.baseMs, settings.retry.baseMs))
    } catch (recordError) {
      log.warn({ err: recordError, message: claim.uid }, 'could not record a notification attempt')
    }
  }

  return startOutboxLoop({
    pollMs: settings.pollMs,
    concurrency: settings.concurrency,
    claim: (room) => claimDueMessages(db.pool, room, settings.timeoutMs * 3 + LEASE_MARGIN_MS),
    attempt,
    prune: () => pruneNotifications(db.pool, settings.retentionDays),
    log,
    messages: {
      claimFailed: 'could not claim notifications',
      pruneFailed: 'could not prune notifications',
    },
  })
}
