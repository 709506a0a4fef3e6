import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { AuditEvent } from '../contract/audit'
import { cellText } from '../core/tasks/export-columns'
import type { AuditEventRecord } from '../store/audit-events'

/** An audit entry as the API shows it. */
export function presentAuditEvent(event: AuditEventRecord): AuditEvent {
  return {
    uid: event.uid,
    occurred_at: event.occurred_at.toISOString(),
    actor: {
      kind: event.actor_kind,
      user_uid: event.actor_uid,
      token_uid: event.token_uid,
      email: event.actor_email,
    },
    action: event.action,
    object: { kind: event.object_kind, uid: event.object_uid, name: event.object_name },
    request_id: event.request_id,
    ip: event.ip,
    changes: event.changes,
  }
}

/** The export's columns, in order; `before` and `after` hold JSON. */
export const AUDIT_CSV_COLUMNS = [
  'occurred_at',
  'actor_kind',
  'actor_email',
  'actor_user_uid',
  'token_uid',
  'action',
  'object_kind',
  'object_uid',
  'object_name',
  'request_id',
  'ip',
  'before',
  'after',
  'uid',
] as const

function row(event: AuditEventRecord): string[] {
  return [
    event.occurred_at.toISOString(),
    event.actor_kind,
    event.actor_email,
    event.actor_uid,
    event.token_uid,
    event.action,
    event.object_kind,
    event.object_uid,
    event.object_name,
    event.request_id,
    event.ip,
    event.changes.before && JSON.stringify(event.changes.before),
    event.changes.after && JSON.stringify(event.changes.after),
    event.uid,
  ].map(cellText)
}

/**
 * The log as CSV (UTF-8 with a byte-order mark, a header row), produced page by page as the
 * client reads it; cells a spreadsheet would run as formulas get a leading apostrophe.
 */
export function auditCsvStream(pages: AsyncIterable<AuditEventRecord[]>): Readable {
  async function* text(): AsyncGenerator<string> {
    yield stringify([[...AUDIT_CSV_COLUMNS]], { bom: true })
    for await (const page of pages) {
      yield stringify(page.map(row))
    }
  }
  return Readable.from(text(), { objectMode: false })
}
