import { AppError, type FieldError } from '../../contract/errors'
import { RESERVED_LIST_PARAMS } from '../../contract/task-list'
import {
  TASK_EXPANSIONS,
  TASK_STATUSES,
  type TaskExpansion,
  type TaskStatus,
} from '../../contract/tasks'
import { type ListSort, parseListSort } from './cursor'

export { RESERVED_LIST_PARAMS }

/**
 * How old a task's timestamp must be before a poll lists it. A write takes its timestamps
 * before it commits (a batch of 1,000 takes some 100 ms to write on a busy machine); two
 * seconds cover that with room, and cost a polling integration nothing that it would notice.
 */
export const POLL_SETTLE_MS = 2000

const RANGE_FIELDS = ['due_at', 'created_at', 'updated_at'] as const

/**
 * A time range on a native timestamp: `gte`/`lt` (half-open) and Fragment's `after`/`before`
 * (both exclusive).
 */
export interface TimeRange {
  field: (typeof RANGE_FIELDS)[number]
  gte?: Date
  lt?: Date
  after?: Date
  before?: Date
}

/** A custom-field filter: the field must equal one of `candidates` (JSON values). */
export interface CustomFieldFilter {
  key: string
  candidates: unknown[]
}

/** What `GET /tasks` was asked for, validated. */
export interface ListFilter {
  statuses: TaskStatus[]
  archived: 'false' | 'true' | 'all'
  queueUid?: string
  assigneeUid?: string
  /** Tasks assigned to the user with this email (lower-cased). */
  assigneeEmail?: string
  parentUid?: string
  caseUid?: string
  /** Tasks carrying any of these tags. */
  tags: string[]
  ranges: TimeRange[]
  /**
   * Timestamps a poll (`*_after`) reads only up to {@link POLL_SETTLE_MS} before now: a task
   * whose time is taken but whose write is not yet committed (a batch being written, a
   * later task of the same millisecond) would otherwise appear behind the next poll's start.
   */
  settled: TimeRange['field'][]
  custom: CustomFieldFilter[]
  text?: string
  sort: ListSort
  expand: TaskExpansion[]
}

/**
 * A query-string value can only be text, but custom fields keep the JSON type they were
 * sent with, so `?claim_id=123` matches the string "123" and the number 123, and
 * `?vip=true` matches "true" and true: what a person typing the URL means.
 */
export function candidateValues(text: string): unknown[] {
  const candidates: unknown[] = [text]
  if (text === 'true' || text === 'false') {
    candidates.push(text === 'true')
  } else if (text === 'null') {
    candidates.push(null)
  } else if (
    /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) &&
    Number.isFinite(Number(text))
  ) {
    candidates.push(Number(text))
  }
  return candidates
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value])

function parseDate(value: string, path: string, errors: FieldError[]): Date | undefined {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    errors.push({ path, message: 'must be an ISO 8601 date-time' })
    return undefined
  }
  return date
}

/**
 * Reads `GET /tasks` query parameters. Custom fields are filtered by their plain name
 * (`?country=FR`) or, for a name that is also a reserved parameter, as `fields.<name>`;
 * a repeated parameter means "any of these"; distinct parameters are AND-ed.
 */
export function parseListFilter(query: Record<string, string | string[]>): ListFilter {
  const errors: FieldError[] = []
  const statuses = (query.status ? asList(query.status).flatMap((s) => s.split(',')) : []).map(
    (s) => s.trim().toUpperCase(),
  )
  for (const status of statuses) {
    if (!(TASK_STATUSES as readonly string[]).includes(status)) {
      errors.push({ path: '/query/status', message: `must be one of ${TASK_STATUSES.join(', ')}` })
    }
  }
  const archived = query.archived === undefined ? 'false' : String(query.archived)
  if (!['true', 'false', 'all'].includes(archived)) {
    errors.push({ path: '/query/archived', message: 'must be true, false or all' })
  }
  const ranges: TimeRange[] = []
  const settled: TimeRange['field'][] = []
  for (const field of RANGE_FIELDS) {
    const bound = (suffix: string) => {
      const value = query[`${field}_${suffix}`]
      return value === undefined
        ? undefined
        : parseDate(String(value), `/query/${field}_${suffix}`, errors)
    }
    const range: TimeRange = {
      field,
      gte: bound('gte'),
      lt: bound('lt'),
      after: bound('after'),
      before: bound('before'),
    }
    if (range.gte || range.lt || range.after || range.before) {
      ranges.push(range)
    }
    if (query[`${field}_after`] !== undefined) {
      settled.push(field)
    }
  }
  for (const name of ['queue_uid', 'assignee_uid', 'parent_uid', 'case_uid']) {
    const value = query[name]
    if (value !== undefined && !UUID.test(String(value))) {
      errors.push({ path: `/query/${name}`, message: 'must be a uuid' })
    }
  }
  const custom: CustomFieldFilter[] = []
  for (const [name, value] of Object.entries(query)) {
    if ((RESERVED_LIST_PARAMS as readonly string[]).includes(name)) {
      continue
    }
    const key = name.startsWith('fields.') ? name.slice('fields.'.length) : name
    const candidates = asList(value).flatMap(candidateValues)
    // A query string cannot send a name without a value, but a JSON filter (a bulk action's
    // selection, a saved view) can send an empty list: "one of nothing" is a mistake, and a
    // bulk action must not read it as "no condition" either.
    if (candidates.length === 0) {
      errors.push({ path: `/query/${name}`, message: 'must name at least one value' })
      continue
    }
    custom.push({ key, candidates })
  }
  let sort: ListSort | undefined
  try {
    sort = parseSortParams(query)
  } catch (error) {
    errors.push(...(error as AppError).fields)
  }
  const expand = parseExpand(query.expand, errors)
  if (errors.length > 0 || !sort) {
    throw new AppError('validation_failed', 'The query parameters are invalid.', errors)
  }
  const text = query.q === undefined ? undefined : String(query.q).trim()
  return {
    statuses: statuses as TaskStatus[],
    archived: archived as ListFilter['archived'],
    queueUid: query.queue_uid === undefined ? undefined : String(query.queue_uid),
    assigneeUid: query.assignee_uid === undefined ? undefined : String(query.assignee_uid),
    assigneeEmail:
      query.assignee_email === undefined ? undefined : String(query.assignee_email).toLowerCase(),
    parentUid: query.parent_uid === undefined ? undefined : String(query.parent_uid),
    caseUid: query.case_uid === undefined ? undefined : String(query.case_uid),
    tags: query.tags === undefined ? [] : asList(query.tags),
    ranges,
    settled,
    custom,
    text: text ? text : undefined,
    sort,
    expand,
  }
}

/**
 * The sort order from `sort` or Fragment's `order_by` (the same values). Both at once must
 * agree: which one wins would otherwise be a guess.
 */
function parseSortParams(query: Record<string, string | string[]>): ListSort {
  const sort = query.sort === undefined ? undefined : String(query.sort)
  const orderBy = query.order_by === undefined ? undefined : String(query.order_by)
  if (sort !== undefined && orderBy !== undefined && sort !== orderBy) {
    throw new AppError('validation_failed', 'sort and order_by disagree.', [
      { path: '/query/order_by', message: 'must equal sort when both are given' },
    ])
  }
  return orderBy === undefined ? parseListSort(sort) : parseListSort(orderBy, '/query/order_by')
}

/** Reads `expand=assignee,parent,children` (repeated or comma-separated), each once. */
export function parseExpand(
  raw: string | string[] | undefined,
  errors: FieldError[],
): TaskExpansion[] {
  const names = raw === undefined ? [] : asList(raw).flatMap((value) => value.split(','))
  const expand = new Set<TaskExpansion>()
  for (const name of names.map((value) => value.trim()).filter(Boolean)) {
    if ((TASK_EXPANSIONS as readonly string[]).includes(name)) {
      expand.add(name as TaskExpansion)
    } else {
      errors.push({
        path: '/query/expand',
        message: `unknown expansion ${JSON.stringify(name)}: must be among ${TASK_EXPANSIONS.join(', ')}`,
      })
    }
  }
  return [...expand]
}
