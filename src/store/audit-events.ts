import { type AuditChanges, timeOrderedUid } from '../core/audit'
import { type Database, type Queryable, withTransaction } from './database'

/** Who acted: a web session, an API token, the CLI, nobody signed in, or the server. */
export type AuditActorKind = 'user' | 'token' | 'cli' | 'anonymous' | 'system'

/** One audit entry as written. */
export interface AuditEventInput {
  actor_kind: AuditActorKind
  actor_uid: string | null
  token_uid: string | null
  actor_email: string | null
  action: string
  object_kind: string
  object_uid: string | null
  object_name: string | null
  request_id: string | null
  ip: string | null
  changes: AuditChanges
}

/** One audit entry as stored. */
export interface AuditEventRecord extends AuditEventInput {
  uid: string
  occurred_at: Date
}

const COLUMNS = `uid, occurred_at, actor_kind, actor_uid, token_uid, actor_email, action,
  object_kind, object_uid, object_name, request_id, ip, changes`

/**
 * Appends an entry, in the caller's transaction. The actor's email is read from the users
 * table in the same statement unless the entry names one (a failed sign-in's tried email).
 * Its uid is time-ordered, so entries of the same millisecond list in the order written.
 */
export async function insertAuditEvent(
  q: Queryable,
  orgUid: string,
  event: AuditEventInput,
): Promise<void> {
  await q.query({
    name: 'tessera.insertAuditEvent',
    text: `INSERT INTO audit_events
       (org_uid, actor_kind, actor_uid, token_uid, actor_email, action, object_kind, object_uid,
        object_name, request_id, ip, changes, uid)
     VALUES ($1, $2, $3, $4,
       coalesce($5, (SELECT email FROM users WHERE org_uid = $1 AND uid = $3)),
       $6, $7, $8, $9, $10, $11, $12, $13)`,
    values: [
      orgUid,
      event.actor_kind,
      event.actor_uid,
      event.token_uid,
      event.actor_email,
      event.action,
      event.object_kind,
      event.object_uid,
      event.object_name,
      event.request_id,
      event.ip,
      JSON.stringify(event.changes),
      timeOrderedUid(),
    ],
  })
}

/** What GET /audit narrows the log to; every filter is optional. */
export interface AuditFilter {
  actorUid?: string
  /** Exact actions (`queue.updated`). */
  actions?: string[]
  /** Object kinds (`queue`, `user`). */
  objectKinds?: string[]
  objectUid?: string
  occurredAfter?: Date
  occurredBefore?: Date
}

/** Where a page of the log starts: just after (older than) this entry. */
export interface AuditPosition {
  occurredAt: Date
  uid: string
}

/** A page of the organization's log, newest first; one more than `limit` tells a next page. */
export async function listAuditEvents(
  q: Queryable,
  orgUid: string,
  filter: AuditFilter,
  after: AuditPosition | null,
  limit: number,
): Promise<AuditEventRecord[]> {
  const where = ['org_uid = $1']
  const values: unknown[] = [orgUid]
  const add = (sql: (n: number) => string, value: unknown) => {
    values.push(value)
    where.push(sql(values.length))
  }
  if (filter.actorUid !== undefined) {
    add((n) => `actor_uid = $${n}`, filter.actorUid)
  }
  if (filter.actions !== undefined) {
    add((n) => `action = ANY($${n}::text[])`, filter.actions)
  }
  if (filter.objectKinds !== undefined) {
    add((n) => `object_kind = ANY($${n}::text[])`, filter.objectKinds)
  }
  if (filter.objectUid !== undefined) {
    add((n) => `object_uid = $${n}`, filter.objectUid)
  }
  if (filter.occurredAfter !== undefined) {
    add((n) => `occurred_at >= $${n}`, filter.occurredAfter)
  }
  if (filter.occurredBefore !== undefined) {
    add((n) => `occurred_at < $${n}`, filter.occurredBefore)
  }
  if (after) {
    values.push(after.occurredAt, after.uid)
    where.push(`(occurred_at, uid) < ($${values.length - 1}, $${values.length}::uuid)`)
  }
  values.push(limit + 1)
  const result = await q.query<AuditEventRecord>(
    `SELECT ${COLUMNS} FROM audit_events WHERE ${where.join(' AND ')}
     ORDER BY occurred_at DESC, uid DESC LIMIT $${values.length}`,
    values,
  )
  return result.rows
}

/** Entries erased per statement: keeps each prune transaction short. */
const PRUNE_BATCH = 10_000

/**
 * Erases the entries older than each organization's retention (`audit_retention_days` in its
 * settings, else `defaultDays`), or of one organization, a bounded batch at a time. The
 * table refuses deletes unless the transaction says it prunes, so this must run in one
 * (`q` a client inside `BEGIN`). Any number of processes may run it at once.
 */
export async function pruneAuditEvents(
  q: Queryable,
  defaultDays: number,
  orgUid: string | null = null,
): Promise<number> {
  await q.query("SELECT set_config('tessera.audit_prune', 'on', true)")
  const result = await q.query(
    `DELETE FROM audit_events WHERE (org_uid, uid) IN (
       SELECT a.org_uid, a.uid FROM organizations o
       JOIN audit_events a ON a.org_uid = o.uid
       WHERE ($2::uuid IS NULL OR o.uid = $2)
         AND a.occurred_at < tessera_now()
           - coalesce((o.settings ->> 'audit_retention_days')::int, $1) * interval '1 day'
       LIMIT ${PRUNE_BATCH})`,
    [defaultDays, orgUid],
  )
  await q.query("SELECT set_config('tessera.audit_prune', 'off', true)")
  return result.rowCount ?? 0
}

/**
 * Erases, across every organization, the audit entries older than their retention, in
 * bounded batches (each its own transaction) until none is left: what the server runs at
 * start-up and every hour. Several servers may run it at once; they only share the work.
 */
export async function pruneAuditLog(db: Database, defaultDays: number): Promise<number> {
  let erased = 0
  for (;;) {
    const batch = await withTransaction(db, (client) => pruneAuditEvents(client, defaultDays))
    erased += batch
    if (batch < PRUNE_BATCH) {
      return erased
    }
  }
}
