import { auditChanges } from '../core/audit'
import { type AuditActorKind, insertAuditEvent } from '../store/audit-events'
import type { Queryable } from '../store/database'
import type { RequestMeta } from './actor'

/** Who an audit entry names: any use-case context has these (the request's are optional). */
export interface AuditActor extends RequestMeta {
  orgUid: string
  /** The acting user; null or absent for the system or nobody (a failed sign-in). */
  actorUid?: string | null
}

/** What one audited change did, to what. */
export interface AuditEntry {
  /** `<object kind>.<verb>`: `queue.updated`, `user.role_changed`, `auth.sign_in_failed`. */
  action: string
  /** `name`: what people call it; default: the `name`, `email`, `key` or `url` it has. */
  object: { kind: string; uid?: string | null; name?: string | null }
  /** The object before the change (absent for a creation). */
  before?: unknown
  /** The object after the change (absent for a deletion). */
  after?: unknown
  /** The email tried by a failed sign-in, which has no actor. */
  actorEmail?: string
}

/** What an object is called, from the fields that name one, as it reads after the change. */
function nameOf(...objects: unknown[]): string | null {
  for (const object of objects) {
    if (object !== null && typeof object === 'object') {
      for (const key of ['name', 'email', 'key', 'url']) {
        const value = (object as Record<string, unknown>)[key]
        if (typeof value === 'string' && value !== '') {
          return value.slice(0, 500)
        }
      }
    }
  }
  return null
}

function actorKind(actor: AuditActor): AuditActorKind {
  if (actor.cli) {
    return 'cli'
  }
  if (actor.tokenUid) {
    return 'token'
  }
  if (!actor.actorUid) {
    return actor.requestId ? 'anonymous' : 'system'
  }
  return 'user'
}

/**
 * Appends an audit entry for a change, inside the caller's transaction (`q`), so that the
 * entry exists exactly when the change does. Before/after are reduced to what differs and
 * every secret (passwords, secrets, tokens, hashes) is redacted. An update that changed
 * nothing writes nothing.
 *
 * @example
 *   await recordAudit(client, actor, { action: 'queue.updated', object: { kind: 'queue', uid },
 *     before: current, after: queue })
 */
export async function recordAudit(
  q: Queryable,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const changes = auditChanges(entry.before, entry.after)
  if (!changes) {
    return
  }
  await insertAuditEvent(q, actor.orgUid, {
    actor_kind: actorKind(actor),
    actor_uid: actor.cli ? null : (actor.actorUid ?? null),
    token_uid: actor.tokenUid ?? null,
    actor_email: entry.actorEmail ?? null,
    action: entry.action,
    object_kind: entry.object.kind,
    object_uid: entry.object.uid ?? null,
    object_name: entry.object.name ?? nameOf(entry.after, entry.before),
    request_id: actor.requestId ?? null,
    ip: actor.ip ?? null,
    changes,
  })
}
