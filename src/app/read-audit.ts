import type { ExportAuditQuery, ListAuditQuery } from '../contract/audit'
import { decodeCursor, encodeCursor, type ListSort } from '../core/tasks/cursor'
import { type AuditEventRecord, type AuditFilter, listAuditEvents } from '../store/audit-events'
import type { OrgScope } from './actor'
import { keysetPages } from './keyset-pages'

/** The log reads newest first; its cursors are the task list's, on this one order. */
const AUDIT_ORDER: ListSort = { key: 'created_at', descending: true }

/** Entries read per query by the export. */
const EXPORT_PAGE_SIZE = 1000

/** One page of the log, and where the next one starts (null: the last page). */
export interface AuditEventPage {
  events: AuditEventRecord[]
  limit: number
  nextCursor: string | null
}

function names(list: string | undefined): string[] | undefined {
  return list === undefined ? undefined : list.split(',')
}

function auditFilter(query: ExportAuditQuery): AuditFilter {
  return {
    actorUid: query.actor_uid?.toLowerCase(),
    actions: names(query.action),
    objectKinds: names(query.kind),
    objectUid: query.object_uid,
    occurredAfter: query.occurred_after ? new Date(query.occurred_after) : undefined,
    occurredBefore: query.occurred_before ? new Date(query.occurred_before) : undefined,
  }
}

function cursorAfter(event: AuditEventRecord): string {
  return encodeCursor({
    sort: AUDIT_ORDER,
    value: event.occurred_at.toISOString(),
    uid: event.uid,
  })
}

/**
 * A page of the organization's audit log, newest first, narrowed by the filters. Keyset
 * pagination: following `next_cursor` visits every entry once, even while entries are added.
 */
export async function listAudit(scope: OrgScope, query: ListAuditQuery): Promise<AuditEventPage> {
  const limit = query.limit ?? 50
  const position = query.cursor ? decodeCursor(query.cursor, AUDIT_ORDER) : null
  const rows = await listAuditEvents(
    scope.db.pool,
    scope.orgUid,
    auditFilter(query),
    position && { occurredAt: new Date(position.value), uid: position.uid },
    limit,
  )
  const events = rows.slice(0, limit)
  const last = events.at(-1)
  return { events, limit, nextCursor: rows.length > limit && last ? cursorAfter(last) : null }
}

/**
 * Every entry matching the filters, newest first, a page at a time (each its own short
 * query after the last entry of the one before), so an export holds one page in memory.
 * The first page is read before the caller sends anything: a filter value the database
 * refuses (a NUL in `object_uid`, say) is then a 422 like the list's, not a 200 cut off
 * mid-stream.
 */
export function exportAudit(
  scope: OrgScope,
  query: ExportAuditQuery,
): Promise<AsyncGenerator<AuditEventRecord[]>> {
  const filter = auditFilter(query)
  return keysetPages(EXPORT_PAGE_SIZE, (last: AuditEventRecord | null) =>
    listAuditEvents(
      scope.db.pool,
      scope.orgUid,
      filter,
      last && { occurredAt: last.occurred_at, uid: last.uid },
      EXPORT_PAGE_SIZE,
    ),
  )
}
