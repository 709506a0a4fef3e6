import { Type } from '@sinclair/typebox'
import { createWebhook } from '../../app/create-webhook'
import { deleteWebhook } from '../../app/delete-webhook'
import { getWebhook, listWebhookDeliveries, listWebhooks } from '../../app/read-webhooks'
import { rotateWebhookSecret } from '../../app/rotate-webhook-secret'
import { updateWebhook } from '../../app/update-webhook'
import { resumeWebhook, withHealth, withHealthOf } from '../../app/webhook-health'
import { sendTestEvent } from '../../app/webhook-test-event'
import { errorResponses, UidParams } from '../../contract/common'
import {
  CreateWebhookBody,
  DeliveryList,
  ListDeliveriesQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookTestResult,
  WebhookWithSecret,
} from '../../contract/webhooks'
import { presentDelivery, presentWebhook } from '../../presenters/webhook'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

const SIGNING = `Each event is a POST of \`{"type", "data": {"task", "info"}, "sent_at"}\` with headers \`x-tessera-event\`, \`x-tessera-delivery\` (the same on every attempt: deduplicate on it), \`x-tessera-timestamp\` (Unix seconds) and \`x-tessera-signature: sha256=<hex>\`, the HMAC-SHA256 of \`<timestamp>.<raw body>\` keyed with the webhook's secret. To verify, recompute it over the raw body, compare in constant time, and refuse timestamps more than 5 minutes old. Any 2xx acknowledges; anything else, or no answer within 5 s, is retried with exponential back-off, in order per task. See docs/WEBHOOKS.md.`

/** Webhooks: admins subscribe URLs to task events and read each one's delivery log. */
export function registerWebhookRoutes(api: Api, { db, config, keys }: RouteDeps): void {
  const allowPrivate = config.allowPrivateWebhookTargets
  api.get(
    '/webhooks',
    {
      config: { role: 'admin' },
      schema: {
        summary: "The organization's webhooks",
        description: 'Secrets are never listed.',
        tags: ['webhooks'],
        response: { 200: Type.Object({ items: Type.Array(Webhook) }), ...errors },
      },
    },
    async (request) => {
      const scope = actingAs(request, db)
      return { items: (await withHealth(scope, await listWebhooks(scope))).map(presentWebhook) }
    },
  )

  api.post(
    '/webhooks',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Subscribe a URL to task events',
        description: `The answer holds the signing secret, shown this once. ${SIGNING}`,
        tags: ['webhooks'],
        body: CreateWebhookBody,
        response: { 200: WebhookWithSecret, ...errors },
      },
    },
    async (request) => {
      const scope = { ...actingAs(request, db), keys }
      const { webhook, secret } = await createWebhook(scope, request.body, allowPrivate)
      return { ...presentWebhook(await withHealthOf(scope, webhook)), secret }
    },
  )

  api.get(
    '/webhooks/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'A webhook',
        tags: ['webhooks'],
        params: UidParams,
        response: { 200: Webhook, ...errors },
      },
    },
    async (request) => {
      const scope = actingAs(request, db)
      return presentWebhook(await withHealthOf(scope, await getWebhook(scope, request.params.uid)))
    },
  )

  api.patch(
    '/webhooks/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a webhook',
        description:
          'Pending deliveries go to the new URL. Deactivating stops new events; pending ones wait and resume on reactivation.',
        tags: ['webhooks'],
        params: UidParams,
        body: UpdateWebhookBody,
        response: { 200: Webhook, ...errors },
      },
    },
    async (request) => {
      const scope = actingAs(request, db)
      const webhook = await updateWebhook(scope, request.params.uid, request.body, allowPrivate)
      return presentWebhook(await withHealthOf(scope, webhook))
    },
  )

  api.delete(
    '/webhooks/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a webhook',
        description: 'Its pending deliveries are dropped with its delivery log.',
        tags: ['webhooks'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteWebhook(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/webhooks/:uid/rotate-secret',
    {
      config: { role: 'admin' },
      schema: {
        summary: "Replace a webhook's secret",
        description:
          'Every attempt from now on, retries of earlier events included, is signed with the new secret, shown this once.',
        tags: ['webhooks'],
        params: UidParams,
        response: { 200: WebhookWithSecret, ...errors },
      },
    },
    async (request) => {
      const scope = { ...actingAs(request, db), keys }
      const { webhook, secret } = await rotateWebhookSecret(scope, request.params.uid)
      return { ...presentWebhook(await withHealthOf(scope, webhook)), secret }
    },
  )

  api.post(
    '/webhooks/:uid/resume',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Resume a paused webhook',
        description:
          'A webhook is paused after TESSERA_WEBHOOK_PAUSE_AFTER consecutive failed attempts (20 by default). Resuming starts its failure count over and makes its pending deliveries due at once. Harmless on a healthy webhook.',
        tags: ['webhooks'],
        params: UidParams,
        response: { 200: Webhook, ...errors },
      },
    },
    async (request) => {
      const scope = actingAs(request, db)
      const webhook = await resumeWebhook(scope, request.params.uid)
      return presentWebhook(await withHealthOf(scope, webhook))
    },
  )

  api.post(
    '/webhooks/:uid/test',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Send a test event',
        description:
          'POSTs one signed `{"type": "webhook.test", "data": {"webhook_uid"}}` to the webhook now (paused or inactive ones too) and answers how it went. It is not retried, not logged as a delivery and does not change the health.',
        tags: ['webhooks'],
        params: UidParams,
        response: { 200: WebhookTestResult, ...errors },
      },
    },
    async (request) =>
      sendTestEvent({ ...actingAs(request, db), keys }, request.params.uid, allowPrivate),
  )

  api.get(
    '/webhooks/:uid/deliveries',
    {
      config: { role: 'admin' },
      schema: {
        summary: "A webhook's delivery log",
        description:
          'The most recent deliveries, newest first: one per event, with its attempts, last HTTP status and error. Finished deliveries are kept 30 days by default.',
        tags: ['webhooks'],
        params: UidParams,
        querystring: ListDeliveriesQuery,
        response: { 200: DeliveryList, ...errors },
      },
    },
    async (request) => {
      const { deliveries, limit } = await listWebhookDeliveries(
        actingAs(request, db),
        request.params.uid,
        request.query,
      )
      return { items: deliveries.map(presentDelivery), meta: { limit } }
    },
  )
}
