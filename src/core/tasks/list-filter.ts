import { AppError, type FieldError } from '../../contract/errors'
import { TASK_STATUSES, type TaskStatus } from '../../contract/tasks'
import { type ListSort, parseListSort } from './cursor'

/** Query parameters with a meaning of their own; every other parameter is a custom field. */
export const RESERVED_LIST_PARAMS = [
  'limit',
  'cursor',
  'sort',
  'status',
  'archived',
  'q',
  'queue_uid',
  'assignee_uid',
  'due_at_gte',
  'due_at_lt',
  'created_at_gte',
  'created_at_lt',
  'updated_at_gte',
  'updated_at_lt',
] as const

const RANGE_FIELDS = ['due_at', 'created_at', 'updated_at'] as const

/** A half-open time range on a native timestamp. */
export interface TimeRange {
  field: (typeof RANGE_FIELDS)[number]
  gte?: Date
  lt?: Date
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
  ranges: TimeRange[]
  custom: CustomFieldFilter[]
  text?: string
  sort: ListSort
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
  for (const field of RANGE_FIELDS) {
    const gte = query[`${field}_gte`]
    const lt = query[`${field}_lt`]
    if (gte !== undefined || lt !== undefined) {
      ranges.push({
        field,
        gte: gte === undefined ? undefined : parseDate(String(gte), `/query/${field}_gte`, errors),
        lt: lt === undefined ? undefined : parseDate(String(lt), `/query/${field}_lt`, errors),
      })
    }
  }
  for (const name of ['queue_uid', 'assignee_uid']) {
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
    custom.push({ key, candidates: asList(value).flatMap(candidateValues) })
  }
  let sort: ListSort | undefined
  try {
    sort = parseListSort(query.sort === undefined ? undefined : String(query.sort))
  } catch (error) {
    errors.push(...(error as AppError).fields)
  }
  if (errors.length > 0 || !sort) {
    throw new AppError('validation_failed', 'The query parameters are invalid.', errors)
  }
  const text = query.q === undefined ? undefined : String(query.q).trim()
  return {
    statuses: statuses as TaskStatus[],
    archived: archived as ListFilter['archived'],
    queueUid: query.queue_uid === undefined ? undefined : String(query.queue_uid),
    assigneeUid: query.assignee_uid === undefined ? undefined : String(query.assignee_uid),
    ranges,
    custom,
    text: text ? text : undefined,
    sort,
  }
}
