import type { ListTasksQuery, TaskStatus } from '../../api'

/** The status choices of the backlog: open (to do or started) is the default. */
export type StatusFilter = 'open' | 'all' | TaskStatus

export const SORTS = [
  'due_at',
  '-due_at',
  'created_at',
  '-created_at',
  'updated_at',
  '-updated_at',
] as const
export type TaskSort = (typeof SORTS)[number]

export const PAGE_SIZES = [25, 50, 100] as const

/** One custom-field filter; several with the same name mean "any of these values". */
export interface FieldFilter {
  name: string
  value: string
}

/** What the backlog table shows, as it lives in the page's address. */
export interface BacklogFilters {
  status: StatusFilter
  /** A user uid, or null for anyone. */
  assignee: string | null
  /** Free text over the title and every custom field value. */
  q: string
  sort: TaskSort
  fields: FieldFilter[]
  limit: number
}

export const DEFAULT_FILTERS: BacklogFilters = {
  status: 'open',
  assignee: null,
  q: '',
  sort: 'due_at',
  fields: [],
  limit: 50,
}

/**
 * Query parameters of `GET /tasks` with a meaning of their own: RESERVED_LIST_PARAMS in
 * src/contract/task-list.ts (docs/API.md).
 */
const RESERVED = new Set([
  'limit',
  'cursor',
  'sort',
  'order_by',
  'status',
  'archived',
  'q',
  'queue_uid',
  'assignee_uid',
  'assignee_email',
  'parent_uid',
  'case_uid',
  'tags',
  'due_at_gte',
  'due_at_lt',
  'created_at_gte',
  'created_at_lt',
  'updated_at_gte',
  'updated_at_lt',
  'created_at_after',
  'created_at_before',
  'updated_at_after',
  'updated_at_before',
  'expand',
])

/** Custom-field filters sit in the page's address under this prefix, apart from its own keys. */
const FIELD_PREFIX = 'f.'

const STATUS_FILTERS: readonly string[] = ['open', 'all', 'TODO', 'STARTED', 'DONE']

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback
}

/** Reads the filters from the page's query string; anything unknown falls back to the default. */
export function filtersFromSearch(search: URLSearchParams): BacklogFilters {
  const limit = Number(search.get('limit'))
  const fields: FieldFilter[] = []
  for (const [key, value] of search) {
    if (key.startsWith(FIELD_PREFIX) && key.length > FIELD_PREFIX.length) {
      fields.push({ name: key.slice(FIELD_PREFIX.length), value })
    }
  }
  return {
    status: oneOf(search.get('status'), STATUS_FILTERS as StatusFilter[], DEFAULT_FILTERS.status),
    assignee: search.get('assignee') || null,
    q: search.get('q') ?? '',
    sort: oneOf(search.get('sort'), SORTS, DEFAULT_FILTERS.sort),
    fields,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_FILTERS.limit,
  }
}

/** Writes the filters as the page's query string, leaving defaults out to keep links short. */
export function filtersToSearch(filters: BacklogFilters): URLSearchParams {
  const search = new URLSearchParams()
  if (filters.status !== DEFAULT_FILTERS.status) {
    search.set('status', filters.status)
  }
  if (filters.assignee) {
    search.set('assignee', filters.assignee)
  }
  if (filters.q.trim()) {
    search.set('q', filters.q.trim())
  }
  if (filters.sort !== DEFAULT_FILTERS.sort) {
    search.set('sort', filters.sort)
  }
  if (filters.limit !== DEFAULT_FILTERS.limit) {
    search.set('limit', String(filters.limit))
  }
  for (const field of filters.fields) {
    search.append(`${FIELD_PREFIX}${field.name}`, field.value)
  }
  return search
}

/**
 * The `GET /tasks` query for the filters, one queue (or all) and one page. A custom field
 * named like a reserved parameter goes as `fields.<name>`; repeated names become an array,
 * which the API reads as "any of".
 */
export function buildTaskQuery(
  filters: BacklogFilters,
  queueUid: string | null,
  cursor: string | null,
): ListTasksQuery {
  const query: ListTasksQuery = { limit: filters.limit }
  if (filters.sort !== 'due_at') {
    query.sort = filters.sort
  }
  if (filters.status === 'open') {
    query.status = 'TODO,STARTED'
  } else if (filters.status !== 'all') {
    query.status = filters.status
  }
  if (filters.assignee) {
    query.assignee_uid = filters.assignee
  }
  if (queueUid) {
    query.queue_uid = queueUid
  }
  const q = filters.q.trim()
  if (q) {
    query.q = q
  }
  if (cursor) {
    query.cursor = cursor
  }
  const byName = new Map<string, string[]>()
  for (const { name, value } of filters.fields) {
    const key = RESERVED.has(name) ? `fields.${name}` : name
    byName.set(key, [...(byName.get(key) ?? []), value])
  }
  for (const [key, values] of byName) {
    query[key] = values.length === 1 ? values[0] : values
  }
  return query
}
