import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

/** Who acted: a web session, an API token, the tessera command, nobody signed in, the server. */
export const AUDIT_ACTOR_KINDS = ['user', 'token', 'cli', 'anonymous', 'system'] as const

/** The actions the log records, for filters and documentation (others may join them). */
export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'token.issued',
  'token.revoked',
  'queue.created',
  'queue.updated',
  'queue.deleted',
  'calendar.replaced',
  'named_calendar.created',
  'named_calendar.updated',
  'named_calendar.deleted',
  'settings.updated',
  'webhook.created',
  'webhook.updated',
  'webhook.activated',
  'webhook.deactivated',
  'webhook.resumed',
  'webhook.secret_rotated',
  'webhook.deleted',
  'automation.created',
  'automation.updated',
  'automation.deleted',
  'field.created',
  'field.updated',
  'field.deleted',
  'form.created',
  'form.updated',
  'form.deleted',
  'view.created',
  'view.updated',
  'view.deleted',
  'sso.created',
  'sso.updated',
  'sso.deleted',
  'session.ended',
  'user.signed_out',
] as const

const Changed = Type.Record(Type.String(), Type.Unknown())

export const AuditEvent = Type.Object(
  {
    uid: Uid,
    occurred_at: Timestamp,
    actor: Type.Object({
      kind: StringEnum(AUDIT_ACTOR_KINDS),
      user_uid: Nullable(Uid),
      token_uid: Nullable(Type.String({ description: 'The API token used; null otherwise.' })),
      email: Nullable(
        Type.String({
          description: "The user's email when it happened; for a failed sign-in, the one tried.",
        }),
      ),
    }),
    action: Type.String({ description: '`<kind>.<verb>`, e.g. `queue.updated`.' }),
    object: Type.Object({
      kind: Type.String({ description: '`user`, `token`, `queue`, `settings`…' }),
      uid: Nullable(Type.String()),
      name: Nullable(
        Type.String({ description: "What it was called then: a queue's name, a user's email." }),
      ),
    }),
    request_id: Nullable(
      Type.String({ description: 'The x-request-id of the request that made the change.' }),
    ),
    ip: Nullable(Type.String({ description: "The client's address." })),
    changes: Type.Object(
      {
        before: Type.Optional(Changed),
        after: Type.Optional(Changed),
      },
      {
        description:
          'For an update, the old and new values of what changed; a creation has `after` only, a deletion `before` only. Secrets (passwords, secrets, tokens) read "[redacted]".',
      },
    ),
  },
  { $id: 'AuditEvent' },
)
export type AuditEvent = Static<typeof AuditEvent>

const NAME_LIST = Type.String({
  maxLength: 1000,
  pattern: '^[a-z_]+(\\.[a-z_]+)?(,[a-z_]+(\\.[a-z_]+)?)*$',
})

const auditFilters = {
  actor_uid: Type.Optional({ ...Uid, description: 'Only what this user did.' }),
  action: Type.Optional({
    ...NAME_LIST,
    description: 'Only these actions, comma separated (`queue.updated,user.updated`).',
  }),
  kind: Type.Optional({
    ...NAME_LIST,
    description: 'Only changes to these kinds of object, comma separated (`queue,webhook`).',
  }),
  object_uid: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Only changes to this object.' }),
  ),
  occurred_after: Type.Optional({ ...Timestamp, description: 'From this instant (inclusive).' }),
  occurred_before: Type.Optional({ ...Timestamp, description: 'Until this instant (exclusive).' }),
}

export const ListAuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 2000, description: 'next_cursor of the page you come from.' }),
    ),
    ...auditFilters,
  },
  { additionalProperties: false },
)
export type ListAuditQuery = Static<typeof ListAuditQuery>

export const ExportAuditQuery = Type.Object(auditFilters, { additionalProperties: false })
export type ExportAuditQuery = Static<typeof ExportAuditQuery>

export const AuditPage = Type.Object(
  {
    items: Type.Array(AuditEvent),
    meta: Type.Object({
      limit: Type.Integer(),
      next_cursor: Nullable(Type.String({ description: 'null on the last page.' })),
    }),
  },
  { $id: 'AuditPage' },
)
export type AuditPage = Static<typeof AuditPage>
