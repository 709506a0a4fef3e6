/**
 * A saved view (`/views`: a GET /tasks filter, columns and sort) and the backlog's state in
 * the page's address, each made from the other: opening a view writes its state into the
 * address (which still holds everything), saving one reads it back.
 */
import type { Schema } from '../../api'
import {
  type BacklogFilters,
  buildTaskFilter,
  DEFAULT_FILTERS,
  type FieldFilter,
  filtersToSearch,
  isStandingParam,
  RESERVED,
  SORTS,
  type StatusFilter,
  type TaskSort,
} from './backlog-filters'
import { type ColumnSetting, columnsToSearch, savedColumns } from './columns'

/** A saved view as the API answers it. */
export type View = Schema<'View'>

/** What a view holds of the backlog. */
export interface ViewContent {
  filter: Record<string, string | string[]>
  columns: ColumnSetting[]
  sort: string | null
}

/** The view's content for the backlog as shown: the filters in one queue (or all), the columns. */
export function viewContent(
  filters: BacklogFilters,
  queueUid: string | null,
  columns: ColumnSetting[] | null,
): ViewContent {
  return {
    filter: buildTaskFilter(filters, queueUid),
    // The default columns are saved as none: the view follows the default as it changes.
    columns: columns ? savedColumns(columns) : [],
    sort: filters.sort,
  }
}

const STATUSES: readonly string[] = ['TODO', 'STARTED', 'DONE']

function statusFilter(value: string | string[] | undefined): StatusFilter | null {
  if (value === undefined) {
    return 'all'
  }
  if (value === 'TODO,STARTED' || value === 'STARTED,TODO') {
    return 'open'
  }
  return typeof value === 'string' && STATUSES.includes(value) ? (value as StatusFilter) : null
}

/** Where a view opens: its queue's page or all tasks, with its state in the query string. */
export interface ViewLocation {
  queueUid: string | null
  filters: BacklogFilters
  columns: ColumnSetting[] | null
}

/**
 * The backlog's state for a view's content. What the filter bar has no control for (tags,
 * date ranges, a status list like `TODO,DONE`) is kept in `params`, so nothing of the view is
 * lost; the page size is the reader's, not the view's.
 */
export function viewLocation(content: ViewContent, limit: number): ViewLocation {
  const filters: BacklogFilters = {
    ...DEFAULT_FILTERS,
    status: 'all',
    fields: [],
    params: [],
    limit,
    sort:
      content.sort && (SORTS as readonly string[]).includes(content.sort)
        ? (content.sort as TaskSort)
        : null,
  }
  let queueUid: string | null = null
  const keep = (name: string, value: string | string[]) => {
    const target: FieldFilter[] = isStandingParam(name) ? filters.params : filters.fields
    const stored = name.startsWith('fields.') ? name.slice('fields.'.length) : name
    for (const one of Array.isArray(value) ? value : [value]) {
      target.push({ name: target === filters.fields ? stored : name, value: one })
    }
  }
  for (const [name, value] of Object.entries(content.filter)) {
    const single = typeof value === 'string' ? value : null
    if (name === 'status' && statusFilter(value)) {
      filters.status = statusFilter(value) as StatusFilter
    } else if (name === 'assignee_uid' && single) {
      filters.assignee = single
    } else if (name === 'q' && single !== null) {
      filters.q = single
    } else if (name === 'archived' && (single === 'true' || single === 'all')) {
      filters.archived = single
    } else if (name === 'archived' && single === 'false') {
      // The default.
    } else if (name === 'queue_uid' && single && !queueUid) {
      queueUid = single
    } else if (RESERVED.has(name) && !isStandingParam(name)) {
      // Page state (limit, cursor…) has no place in a view: the API refuses it anyway.
    } else {
      keep(name, value)
    }
  }
  return { queueUid, filters, columns: content.columns.length > 0 ? content.columns : null }
}

/** The address (path and query) that opens `view`, keeping the reader's page size. */
export function viewHref(view: ViewContent & { uid: string }, limit: number): string {
  const location = viewLocation(view, limit)
  const search = backlogSearch(location.filters, location.columns, view.uid)
  const path = location.queueUid ? `/queues/${location.queueUid}` : '/'
  const query = search.toString()
  return query ? `${path}?${query}` : path
}

/** The whole query string of the backlog: filters, columns and the open view. */
export function backlogSearch(
  filters: BacklogFilters,
  columns: ColumnSetting[] | null,
  viewUid: string | null,
): URLSearchParams {
  const search = filtersToSearchWithColumns(filters, columns)
  if (viewUid) {
    search.set('view', viewUid)
  }
  return search
}

function filtersToSearchWithColumns(
  filters: BacklogFilters,
  columns: ColumnSetting[] | null,
): URLSearchParams {
  const search = filtersToSearch(filters)
  for (const [key, value] of columnsToSearch(columns)) {
    search.append(key, value)
  }
  return search
}

/** Whether two view contents show the same thing (key order and `[x]` vs `x` aside). */
export function sameContent(a: ViewContent, b: ViewContent): boolean {
  return canonical(a) === canonical(b)
}

function canonical(content: ViewContent): string {
  const filter = Object.entries(content.filter)
    .map(([key, value]): [string, string[]] => [key, Array.isArray(value) ? value : [value]])
    .sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify([
    filter,
    content.columns.map((column) => [column.key, column.width ?? null]),
    content.sort ?? null,
  ])
}
