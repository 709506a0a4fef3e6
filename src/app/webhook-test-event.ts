import { randomUUID } from 'node:crypto'
import { webhookNotFound } from '../contract/errors'
import type { WebhookTestResult } from '../contract/webhooks'
import { openSecret, SecretOpenError } from '../core/secrets'
import { buildTestRequest } from '../core/webhooks/payload'
import { DEFAULT_WEBHOOK_SETTINGS } from '../core/webhooks/settings'
import { findWebhookTarget } from '../store/webhooks'
import { foundOr } from './found'
import type { SealingScope } from './key-ring-scope'
import { outboundFetch } from './outbound-fetch'
import { describeFailure, excerptOf } from './webhook-dispatcher'

/**
 * Sends one signed `webhook.test` event to a webhook now and says how it went. It goes
 * straight out, not through the outbox: it is not retried, not logged as a delivery, and
 * does not count towards the endpoint's health (a paused endpoint can be tested before
 * resuming it).
 */
export async function sendTestEvent(
  scope: SealingScope,
  uid: string,
  allowPrivateAddresses: boolean,
): Promise<WebhookTestResult> {
  const target = foundOr(await findWebhookTarget(scope.db.pool, scope.orgUid, uid), webhookNotFound)
  let secret: string
  try {
    secret = openSecret(scope.keys, target.secret_sealed)
  } catch (error) {
    if (!(error instanceof SecretOpenError)) {
      throw error
    }
    const reason = `not sent: the webhook's secret cannot be opened. ${error.message}`
    return { delivered: false, response_status: null, error: reason, duration_ms: 0 }
  }
  const timeoutMs = DEFAULT_WEBHOOK_SETTINGS.timeoutMs
  const abort = new AbortController()
  const timeout = setTimeout(() => abort.abort(), timeoutMs)
  const started = performance.now()
  const took = () => Math.round(performance.now() - started)
  try {
    const { body, headers } = buildTestRequest(uid, randomUUID(), secret, new Date())
    const response = await outboundFetch(allowPrivateAddresses)(target.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: abort.signal,
    })
    if (response.ok) {
      await response.body?.cancel().catch(() => {})
      return { delivered: true, response_status: response.status, error: null, duration_ms: took() }
    }
    const excerpt = await excerptOf(response).catch(() => '')
    return {
      delivered: false,
      response_status: response.status,
      error: `HTTP ${response.status}${excerpt && `: ${excerpt}`}`,
      duration_ms: took(),
    }
  } catch (error) {
    return {
      delivered: false,
      response_status: null,
      error: describeFailure(error, abort.signal, timeoutMs),
      duration_ms: took(),
    }
  } finally {
    clearTimeout(timeout)
  }
}
