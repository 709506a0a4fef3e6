import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

export const CHANNEL_KINDS = ['slack', 'email', 'in_app'] as const
export const ChannelKind = StringEnum(CHANNEL_KINDS, {
  description:
    'slack: an incoming webhook; email: an SMTP server; in_app: the bell of the web app.',
})
export type ChannelKind = Static<typeof ChannelKind>

export const TLS_MODES = ['none', 'starttls', 'tls'] as const

const Email = Type.String({ format: 'email', maxLength: 320 })

export const ChannelSettings = Type.Object(
  {
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: 'SMTP host.' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'SMTP port.' })),
    tls: Type.Optional(
      StringEnum(TLS_MODES, {
        description:
          'none: plain SMTP (a local relay); starttls: upgrade required (587); tls: TLS from the start (465).',
      }),
    ),
    user: Type.Optional(
      Nullable(Type.String({ maxLength: 320, description: 'SMTP user; null: no login.' })),
    ),
    from: Type.Optional({ ...Email, description: 'The sender address.' }),
    recipients: Type.Optional(
      Type.Array(Email, {
        maxItems: 50,
        uniqueItems: true,
        description:
          'Where messages go when a notification names no users (then each named user gets it at their own address).',
      }),
    ),
  },
  {
    additionalProperties: false,
    $id: 'NotificationChannelSettings',
    description: 'Email channels only: how to reach the SMTP server and whom to send to.',
  },
)
export type ChannelSettings = Static<typeof ChannelSettings>

const Name = Type.String({ minLength: 1, maxLength: 200 })
const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description: 'Slack: the incoming-webhook URL. Write-only: kept sealed, never shown again.',
})
const Password = Type.String({
  maxLength: 1000,
  description: 'Email: the SMTP password. Write-only: kept sealed, never shown again.',
})

export const ChannelHealth = Type.Object(
  {
    state: StringEnum(['healthy', 'failing', 'paused', 'inactive'] as const, {
      description:
        'healthy: the last attempt succeeded (or none failed); failing: backing off after failures; paused: paused after too many in a row (POST /notification-channels/{uid}/resume); inactive: switched off.',
    }),
    consecutive_failures: Type.Integer({ minimum: 0 }),
    last_success_at: Nullable(Timestamp),
    last_error: Nullable(Type.String()),
    last_error_at: Nullable(Timestamp),
    paused_at: Nullable(Timestamp),
  },
  { $id: 'NotificationChannelHealth' },
)

export const NotificationChannel = Type.Object(
  {
    uid: Uid,
    kind: ChannelKind,
    name: Name,
    active: Type.Boolean(),
    settings: ChannelSettings,
    secret_set: Type.Boolean({
      description: 'Whether a webhook URL (Slack) or password (email) is stored.',
    }),
    health: ChannelHealth,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  {
    $id: 'NotificationChannel',
    description: 'Where notifications go. Secrets are write-only: never returned.',
  },
)
export type NotificationChannel = Static<typeof NotificationChannel>

export const CreateChannelBody = Type.Object(
  {
    kind: ChannelKind,
    name: Name,
    active: Type.Optional(Type.Boolean()),
    settings: Type.Optional(ChannelSettings),
    webhook_url: Type.Optional(WebhookUrl),
    password: Type.Optional(Password),
  },
  { $id: 'CreateNotificationChannelBody', additionalProperties: false },
)
export type CreateChannelBody = Static<typeof CreateChannelBody>

export const UpdateChannelBody = Type.Object(
  {
    name: Type.Optional(Name),
    active: Type.Optional(Type.Boolean()),
    // Replaces the settings whole (the schema is shared: one $id, one description).
    settings: Type.Optional(ChannelSettings),
    webhook_url: Type.Optional(WebhookUrl),
    password: Type.Optional(Password),
  },
  { $id: 'UpdateNotificationChannelBody', additionalProperties: false },
)
export type UpdateChannelBody = Static<typeof UpdateChannelBody>

export const ChannelTestResult = Type.Object(
  {
    delivered: Type.Boolean(),
    error: Nullable(Type.String({ description: 'Why it failed.' })),
    duration_ms: Type.Integer({ minimum: 0 }),
  },
  { $id: 'NotificationChannelTestResult' },
)
export type ChannelTestResult = Static<typeof ChannelTestResult>

export const NotificationItem = Type.Object(
  {
    uid: Uid,
    subject: Type.String(),
    body: Type.String(),
    task_uid: Nullable(Uid),
    read_at: Nullable(Timestamp),
    created_at: Timestamp,
  },
  { $id: 'NotificationItem', description: 'One item of your bell.' },
)
export type NotificationItem = Static<typeof NotificationItem>

export const ListNotificationsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,18}$',
      description: 'next_cursor of the page you come from.',
    }),
  ),
  unread: Type.Optional(Type.Boolean({ description: 'Only unread items.' })),
})
export type ListNotificationsQuery = Static<typeof ListNotificationsQuery>

export const NotificationList = Type.Object(
  {
    items: Type.Array(NotificationItem),
    unread_count: Type.Integer({ minimum: 0 }),
    next_cursor: Nullable(Type.String({ description: 'null on the last page.' })),
  },
  { $id: 'NotificationList', description: 'Your items, newest first.' },
)
export type NotificationList = Static<typeof NotificationList>

export const MarkReadBody = Type.Object(
  {
    uids: Type.Optional(Type.Array(Uid, { minItems: 1, maxItems: 500, uniqueItems: true })),
    all: Type.Optional(Type.Boolean({ description: 'true: every item of yours.' })),
  },
  {
    $id: 'MarkNotificationsReadBody',
    additionalProperties: false,
    description: 'Either uids or all: true.',
  },
)
export type MarkReadBody = Static<typeof MarkReadBody>

export const MarkReadResult = Type.Object(
  { marked: Type.Integer({ minimum: 0 }), unread_count: Type.Integer({ minimum: 0 }) },
  { $id: 'MarkNotificationsReadResult' },
)

export const SendNotificationBody = Type.Object(
  {
    channel_uid: Type.Optional({
      ...Uid,
      description:
        'The channel. Email goes to the named users, else to its recipients; in-app to the named users, else to everyone; absent: in-app items for the named users.',
    }),
    user_uids: Type.Optional(Type.Array(Uid, { minItems: 1, maxItems: 500, uniqueItems: true })),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ maxLength: 5000 }),
    task_uid: Type.Optional(Uid),
  },
  { $id: 'SendNotificationBody', additionalProperties: false },
)
export type SendNotificationBody = Static<typeof SendNotificationBody>

export const QueuedNotification = Type.Object(
  {
    outbox_uid: Nullable({ ...Uid, description: 'The Slack or email message queued, if any.' }),
    item_uids: Type.Array(Uid, { description: 'The bell items written.' }),
  },
  { $id: 'QueuedNotification' },
)
