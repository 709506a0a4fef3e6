import { apiBaseUrl, queryKeys, unwrap, useApiQuery } from '../../../api'

/** What the Audit page narrows the log to; empty strings are no filter. */
export interface AuditFilter {
  actor_uid: string
  action: string
  occurred_after: string
  occurred_before: string
}

export const NO_FILTER: AuditFilter = {
  actor_uid: '',
  action: '',
  occurred_after: '',
  occurred_before: '',
}

/** The filter as query parameters: only those set, dates from the pickers as instants. */
export function auditQuery(filter: AuditFilter): Record<string, string> {
  const query: Record<string, string> = {}
  if (filter.actor_uid) {
    query.actor_uid = filter.actor_uid
  }
  if (filter.action) {
    // A whole kind (`queue`) or one action (`queue.updated`).
    query[filter.action.includes('.') ? 'action' : 'kind'] = filter.action
  }
  if (filter.occurred_after) {
    query.occurred_after = new Date(filter.occurred_after).toISOString()
  }
  if (filter.occurred_before) {
    query.occurred_before = new Date(filter.occurred_before).toISOString()
  }
  return query
}

/** One page of `GET /audit` for a filter, from `cursor` (null: the newest). */
export function useAuditPage(query: Record<string, string>, cursor: string | null) {
  return useApiQuery(queryKeys.auditPage(query, cursor), async (api) =>
    unwrap(
      api.GET('/audit', {
        params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  )
}

/**
 * The address of `GET /audit/export` for a filter. A plain link downloads it: the browser
 * sends the session cookie with a same-origin GET, so the file streams straight to disk.
 */
export function auditExportUrl(query: Record<string, string>, base: string = apiBaseUrl()) {
  const search = new URLSearchParams(query).toString()
  return `${base}/audit/export${search ? `?${search}` : ''}`
}
