import { Type } from '@sinclair/typebox'
import { errorResponses, UidParams } from '../../contract/common'
import { AppError } from '../../contract/errors'
import {
  CreateWebhookBody,
  DeliveryList,
  ListDeliveriesQuery,
  MAX_WEBHOOKS_PER_ORG,
  UpdateWebhookBody,
  WEBHOOK_EVENT_TYPES,
  Webhook,
  WebhookWithSecret,
} from '../../contract/webhooks'
import { assertWebhookUrl } from '../../core/webhooks/url'
import { presentDelivery, presentWebhook } from '../../presenters/webhook'
import { listDeliveries } from '../../store/webhook-deliveries'
import {
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../../store/webhooks'
import { principalOf } from '../plugins/auth'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

const NOT_FOUND = 'No webhook with this uid in your organization.'

const SIGNING = `Each event is a POST of \`{"type", "data": {"task", "info"}, "sent_at"}\` with headers \`x-tessera-event\`, \`x-tessera-delivery\` (the same on every attempt: deduplicate on it), \`x-tessera-timestamp\` (Unix seconds) and \`x-tessera-signature: sha256=<hex>\`, the HMAC-SHA256 of \`<timestamp>.<raw body>\` keyed with the webhook's secret. To verify, recompute it over the raw body, compare in constant time, and refuse timestamps more than 5 minutes old. Any 2xx acknowledges; anything else, or no answer within 5 s, is retried with exponential back-off, in order per task. See docs/WEBHOOKS.md.`

/** Webhooks: admins subscribe URLs to task events and read each one's delivery log. */
export function registerWebhookRoutes(api: Api, { db }: RouteDeps): void {
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
    async (request) => ({
      items: (await listWebhooks(db.pool, principalOf(request).orgUid)).map(presentWebhook),
    }),
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
      assertWebhookUrl(request.body.url)
      const created = await insertWebhook(
        db.pool,
        principalOf(request).orgUid,
        {
          url: request.body.url,
          description: request.body.description ?? '',
          events: request.body.events ?? [...WEBHOOK_EVENT_TYPES],
          active: request.body.active ?? true,
        },
        MAX_WEBHOOKS_PER_ORG,
      )
      if (!created) {
        throw new AppError(
          'webhook_limit_reached',
          `An organization may have ${MAX_WEBHOOKS_PER_ORG} webhooks; delete one first.`,
        )
      }
      return { ...presentWebhook(created.webhook), secret: created.secret }
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
      const webhook = await findWebhook(db.pool, principalOf(request).orgUid, request.params.uid)
      if (!webhook) {
        throw new AppError('not_found', NOT_FOUND)
      }
      return presentWebhook(webhook)
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
      if (request.body.url !== undefined) {
        assertWebhookUrl(request.body.url)
      }
      const webhook = await updateWebhook(
        db.pool,
        principalOf(request).orgUid,
        request.params.uid,
        request.body,
      )
      if (!webhook) {
        throw new AppError('not_found', NOT_FOUND)
      }
      return presentWebhook(webhook)
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
      if (!(await deleteWebhook(db.pool, principalOf(request).orgUid, request.params.uid))) {
        throw new AppError('not_found', NOT_FOUND)
      }
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
      const rotated = await rotateWebhookSecret(
        db.pool,
        principalOf(request).orgUid,
        request.params.uid,
      )
      if (!rotated) {
        throw new AppError('not_found', NOT_FOUND)
      }
      return { ...presentWebhook(rotated.webhook), secret: rotated.secret }
    },
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
      const { orgUid } = principalOf(request)
      if (!(await findWebhook(db.pool, orgUid, request.params.uid))) {
        throw new AppError('not_found', NOT_FOUND)
      }
      const limit = request.query.limit ?? 50
      const rows = await listDeliveries(db.pool, orgUid, request.params.uid, {
        limit,
        status: request.query.status,
      })
      return { items: rows.map(presentDelivery), meta: { limit } }
    },
  )
}
