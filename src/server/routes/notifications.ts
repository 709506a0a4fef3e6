import { Type } from '@sinclair/typebox'
import { createNotificationChannel } from '../../app/create-notification-channel'
import { deleteNotificationChannel } from '../../app/delete-notification-channel'
import { markRead } from '../../app/mark-notifications-read'
import {
  readNotificationChannel,
  readNotificationChannels,
} from '../../app/read-notification-channels'
import { readNotifications } from '../../app/read-notifications'
import { resumeNotificationChannel } from '../../app/resume-notification-channel'
import { sendNotification } from '../../app/send-notification'
import { testNotificationChannel } from '../../app/test-notification-channel'
import { updateNotificationChannel } from '../../app/update-notification-channel'
import { errorResponses, UidParams } from '../../contract/common'
import {
  ChannelTestResult,
  CreateChannelBody,
  ListNotificationsQuery,
  MarkReadBody,
  MarkReadResult,
  NotificationChannel,
  NotificationList,
  QueuedNotification,
  SendNotificationBody,
  UpdateChannelBody,
} from '../../contract/notifications'
import { presentChannel, presentNotification } from '../../presenters/notification'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)
/** How long a test message may take, per step of the SMTP conversation or for Slack's answer. */
const TEST_TIMEOUT_MS = 10_000

/**
 * Notification channels (admins) and each user's own bell. Messages are queued by other
 * features (automations) through queueNotification; see docs/NOTIFICATIONS.md.
 */
export function registerNotificationRoutes(api: Api, { db, config, keys }: RouteDeps): void {
  const allowPrivate = config.allowPrivateWebhookTargets
  const tags = ['notifications']

  api.get(
    '/notification-channels',
    {
      config: { role: 'admin' },
      schema: {
        summary: "The organization's notification channels",
        description: 'With their health. Secrets (Slack URL, SMTP password) are never returned.',
        tags,
        response: { 200: Type.Object({ items: Type.Array(NotificationChannel) }), ...errors },
      },
    },
    async (request) => ({
      items: (await readNotificationChannels(actingAs(request, db))).map(presentChannel),
    }),
  )

  api.post(
    '/notification-channels',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Make a notification channel',
        description:
          'slack: `webhook_url` (an incoming webhook; a public address unless TESSERA_WEBHOOK_ALLOW_PRIVATE=1). email: `settings` host, port, tls, from (user and recipients optional) and `password`. in_app: nothing more. Secrets are sealed at rest and never returned.',
        tags,
        body: CreateChannelBody,
        response: { 200: NotificationChannel, ...errors },
      },
    },
    async (request) =>
      presentChannel(
        await createNotificationChannel(
          { ...actingAs(request, db), keys },
          request.body,
          allowPrivate,
        ),
      ),
  )

  api.get(
    '/notification-channels/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'A notification channel',
        tags,
        params: UidParams,
        response: { 200: NotificationChannel, ...errors },
      },
    },
    async (request) =>
      presentChannel(await readNotificationChannel(actingAs(request, db), request.params.uid)),
  )

  api.patch(
    '/notification-channels/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a notification channel',
        description:
          'A `webhook_url` or `password` given replaces the stored one; leaving it out keeps it. `settings` replaces the settings whole.',
        tags,
        params: UidParams,
        body: UpdateChannelBody,
        response: { 200: NotificationChannel, ...errors },
      },
    },
    async (request) =>
      presentChannel(
        await updateNotificationChannel(
          { ...actingAs(request, db), keys },
          request.params.uid,
          request.body,
          allowPrivate,
        ),
      ),
  )

  api.delete(
    '/notification-channels/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a notification channel',
        description: 'Its messages still waiting are dropped.',
        tags,
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteNotificationChannel(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/notification-channels/:uid/test',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Send a test message',
        description:
          'Sends one message now (paused or inactive channels too) and answers how it went: Slack to its webhook, email to its recipients (or to you when it has none), in-app to your own bell. Not retried; the health is unchanged.',
        tags,
        params: UidParams,
        response: { 200: ChannelTestResult, ...errors },
      },
    },
    async (request) =>
      testNotificationChannel({ ...actingAs(request, db), keys }, request.params.uid, {
        allowPrivateAddresses: allowPrivate,
        timeoutMs: TEST_TIMEOUT_MS,
      }),
  )

  api.post(
    '/notification-channels/:uid/resume',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Resume a paused notification channel',
        description:
          'A channel is paused after TESSERA_WEBHOOK_PAUSE_AFTER consecutive failed attempts (20 by default). Resuming starts its failure count over and makes its waiting messages due at once.',
        tags,
        params: UidParams,
        response: { 200: NotificationChannel, ...errors },
      },
    },
    async (request) =>
      presentChannel(await resumeNotificationChannel(actingAs(request, db), request.params.uid)),
  )

  api.get(
    '/notifications',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Your notifications',
        description:
          'Your bell: your own items, newest first, with your unread count. Follow next_cursor for older ones. Read items are erased after 30 days (TESSERA_WEBHOOK_RETENTION_DAYS).',
        tags,
        querystring: ListNotificationsQuery,
        response: { 200: NotificationList, ...errors },
      },
    },
    async (request) => {
      const { items, unread, nextCursor } = await readNotifications(
        actingAs(request, db),
        request.query,
      )
      return {
        items: items.map(presentNotification),
        unread_count: unread,
        next_cursor: nextCursor,
      }
    },
  )

  api.post(
    '/notifications',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Send a notification',
        description:
          'Queues a notification as automations do: through a channel (Slack and email are delivered by the server in the background, retried on failure) and/or as bell items for the named users of your organization (others are ignored).',
        tags,
        body: SendNotificationBody,
        response: { 200: QueuedNotification, ...errors },
      },
    },
    async (request) => sendNotification(actingAs(request, db), request.body),
  )

  api.post(
    '/notifications/read',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Mark notifications read',
        description: 'Some of your items (`uids`) or all of them (`all: true`).',
        tags,
        body: MarkReadBody,
        response: { 200: MarkReadResult, ...errors },
      },
    },
    async (request) => markRead(actingAs(request, db), request.body),
  )
}
