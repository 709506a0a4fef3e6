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

/** The notification loop of one server process. */
export interface NotificationDispatcher {
  /** Looks at the outbox now: this process has just written something. */
  nudge(): void
  /** Stops claiming, waits for attempts in flight, and resolves when done. */
  stop(): Promise<void>
}

const IDLE_POLL_MS = 5000
const LEASE_MARGIN_MS = 60_000
const SWEEP_EVERY_MS = 60 * 60_000

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
  const inFlight = new Set<Promise<void>>()
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let timerDueAt = Number.POSITIVE_INFINITY
  let ticking: Promise<void> | null = null
  let again = false
  let idleMs = settings.pollMs
  // Aborts the attempts in flight when the server stops: their messages are given back.
  const shutdown = new AbortController()
  const post = outboundFetch(settings.allowPrivateAddresses)

  const wakeIn = (ms: number) => {
    if (stopping || Date.now() + ms >= timerDueAt) {
      return
    }
    clearTimeout(timer)
    timerDueAt = Date.now() + ms
    timer = setTimeout(() => {
      timerDueAt = Number.POSITIVE_INFINITY
      void tick()
    }, ms)
    timer.unref()
  }

  const send = async (claim: ClaimedMessage): Promise<void> => {
    const secret = claim.secret_sealed === null ? null : openSecret(keys, claim.secret_sealed)
    if (claim.kind === 'slack') {
      if (!secret) {
        throw new SendError('not sent: the channel has no webhook URL')
      }
      await sendSlack(post, secret, claim, settings.timeoutMs, shutdown.signal)
    } else {
      // nodemailer cannot be aborted: a shutdown stops waiting for it, and the message is
      // given back (it may then arrive twice: delivery is at least once).
      const stopped = new Promise<never>((_, reject) => {
        const fail = () => reject(new Error('shutting down'))
        if (shutdown.signal.aborted) {
          fail()
        }
        shutdown.signal.addEventListener('abort', fail, { once: true })
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

  const attempt = async (claim: ClaimedMessage): Promise<void> => {
    let error: string | null = null
    try {
      await send(claim)
    } catch (failure) {
      error =
        failure instanceof SecretOpenError
          ? `not sent: the channel's secret cannot be opened. ${failure.message}`
          : failure instanceof Error
            ? failure.message
            : String(failure)
    }
    try {
      if (error !== null && shutdown.signal.aborted) {
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

  const claimAndSend = async () => {
    const room = settings.concurrency - inFlight.size
    if (room <= 0) {
      return
    }
    const claims = await claimDueMessages(
      db.pool,
      room,
      settings.timeoutMs * 3 + LEASE_MARGIN_MS,
    ).catch((error: unknown) => {
      log.warn({ err: error }, 'could not claim notifications')
      return []
    })
    idleMs =
      claims.length > 0 || inFlight.size > 0
        ? settings.pollMs
        : Math.min(idleMs * 2, Math.max(IDLE_POLL_MS, settings.pollMs))
    for (const claim of claims) {
      if (stopping) {
        await releaseMessage(db.pool, claim).catch(() => {})
        continue
      }
      const done: Promise<void> = attempt(claim).finally(() => inFlight.delete(done))
      inFlight.add(done)
    }
    if (claims.length === room) {
      wakeIn(0)
    }
  }

  const tick = async () => {
    if (stopping) {
      return
    }
    if (ticking) {
      again = true
      return
    }
    again = false
    ticking = claimAndSend().finally(() => {
      ticking = null
      wakeIn(again ? 0 : idleMs)
    })
    await ticking
  }

  const prune = () => {
    pruneNotifications(db.pool, settings.retentionDays).catch((error: unknown) => {
      log.warn({ err: error }, 'could not prune notifications')
    })
  }
  const sweep = setInterval(prune, SWEEP_EVERY_MS)
  sweep.unref()
  prune()
  wakeIn(0)

  return {
    nudge() {
      idleMs = settings.pollMs
      wakeIn(0)
    },
    async stop() {
      stopping = true
      clearTimeout(timer)
      clearInterval(sweep)
      await ticking
      shutdown.abort()
      await Promise.all([...inFlight])
    },
  }
}
