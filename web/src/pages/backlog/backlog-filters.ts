import type { ListTasksQuery, TaskStatus } from '../../api'

/** The status choices of the backlog: open (to do or started) is the default. */
export type StatusFilter = 'open' | 'all' | TaskStatus

/** Archived tasks: hidden (the default), only them, or mixed in. */
export type ArchivedFilter = 'false' | 'true' | 'all'

/** The keys the list sorts by (`LIST_SORT_KEYS` of src/contract/task-list.ts). */
export const SORT_KEYS = ['due_at', 'created_at', 'updated_at'] as const
export type SortKey = (typeof SORT_KEYS)[number]

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
  /** Words over the title and every custom field value (`q` of GET /tasks). */
  q: string
  archived: ArchivedFilter
  /** Null: the list's default order (due date, soonest first). */
  sort: TaskSort | null
  fields: FieldFilter[]
  /**
   * Other parameters of GET /tasks that the bar has no control for (`tags`, `due_at_gte`…),
   * as a view made through the API may hold them: kept and sent as they are.
   */
  params: FieldFilter[]
  limit: number
}

export const DEFAULT_FILTERS: BacklogFilters = {
  status: 'open',
  assignee: null,
  q: '',
  archived: 'false',
  sort: null,
  fields: [],
  params: [],
  limit: 50,
}

/**
 * Query parameters of `GET /tasks` with a meaning of their own: RESERVED_LIST_PARAMS in
 * src/contract/task-list.ts (docs/API.md).
 */
export const RESERVED = new Set([
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
/** Other list parameters ({@link BacklogFilters.params}) sit under this one. */
const PARAM_PREFIX = 'p.'
/** List parameters that are never a standing filter: they belong to one page. */
const PAGE_PARAMS = new Set(['limit', 'cursor', 'expand', 'sort', 'order_by'])

const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'all', 'TODO', 'STARTED', 'DONE']
const ARCHIVED_FILTERS: readonly ArchivedFilter[] = ['false', 'true', 'all']

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback
}

/** Whether `name` may stand in {@link BacklogFilters.params}: reserved, and not page state. */
export function isStandingParam(name: string): boolean {
  return RESERVED.has(name) && !PAGE_PARAMS.has(name)
}

function prefixed(search: URLSearchParams, prefix: string): FieldFilter[] {
  const found: FieldFilter[] = []
  for (const [key, value] of search) {
    if (key.startsWith(prefix) && key.length > prefix.length) {
      found.push({ name: key.slice(prefix.length), value })
    }
  }
  return found
}

/** Reads the filters from the page's query string; anything unknown falls back to the default. */
export function filtersFromSearch(search: URLSearchParams): BacklogFilters {
  const limit = Number(search.get('limit'))
  const sort = search.get('sort')
  return {
    status: oneOf(search.get('status'), STATUS_FILTERS, DEFAULT_FILTERS.status),
    assignee: search.get('assignee') || null,
    q: search.get('q') ?? '',
    archived: oneOf(search.get('archived'), ARCHIVED_FILTERS, DEFAULT_FILTERS.archived),
    sort: sort !== null && (SORTS as readonly string[]).includes(sort) ? (sort as TaskSort) : null,
    fields: prefixed(search, FIELD_PREFIX),
    params: prefixed(search, PARAM_PREFIX).filter((param) => isStandingParam(param.name)),
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
  if (filters.archived !== DEFAULT_FILTERS.archived) {
    search.set('archived', filters.archived)
  }
  if (filters.sort) {
    search.set('sort', filters.sort)
  }
  if (filters.limit !== DEFAULT_FILTERS.limit) {
    search.set('limit', String(filters.limit))
  }
  for (const field of filters.fields) {
    search.append(`${FIELD_PREFIX}${field.name}`, field.value)
  }
  for (const param of filters.params) {
    search.append(`${PARAM_PREFIX}${param.name}`, param.value)
  }
  return search
}

/** Whether the filters narrow the list beyond the default (sort and page size do not). */
export function isFiltered(filters: BacklogFilters): boolean {
  return (
    filters.status !== DEFAULT_FILTERS.status ||
    filters.assignee !== null ||
    filters.q.trim() !== '' ||
    filters.archived !== DEFAULT_FILTERS.archived ||
    filters.fields.length > 0 ||
    filters.params.length > 0
  )
}

/** The filters with every narrowing removed; the sort and page size stay. */
export function clearedFilters(filters: BacklogFilters): BacklogFilters {
  return { ...DEFAULT_FILTERS, sort: filters.sort, limit: filters.limit }
}

/** Appends `value` under `key`, making an array of a key given twice ("any of"). */
function addValue(query: Record<string, unknown>, key: string, value: string): void {
  const current = query[key]
  if (current === undefined) {
    query[key] = value
  } else {
    query[key] = Array.isArray(current) ? [...current, value] : [current, value]
  }
}

/**
 * The filter of `GET /tasks` for the filters and one queue (or all): what a view saves, a bulk
 * action's `filter` selection and the export's query. A custom field named like a reserved
 * parameter goes as `fields.<name>`; repeated names become an array, which the API reads as
 * "any of".
 */
export function buildTaskFilter(
  filters: BacklogFilters,
  queueUid: string | null,
): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
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
  if (filters.archived !== 'false') {
    query.archived = filters.archived
  }
  for (const { name, value } of filters.fields) {
    addValue(query, RESERVED.has(name) ? `fields.${name}` : name, value)
  }
  for (const { name, value } of filters.params) {
    if (isStandingParam(name)) {
      addValue(query, name, value)
    }
  }
  return query
}

/** The `GET /tasks` query for the filters, one queue (or all) and one page. */
export function buildTaskQuery(
  filters: BacklogFilters,
  queueUid: string | null,
  cursor: string | null,
): ListTasksQuery {
  const query: ListTasksQuery = { limit: filters.limit }
  if (filters.sort) {
    query.sort = filters.sort
  }
  Object.assign(query, buildTaskFilter(filters, queueUid))
  if (cursor) {
    query.cursor = cursor
  }
  return query
}
