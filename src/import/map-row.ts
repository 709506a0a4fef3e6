import { DateTime } from 'luxon'
import { TASK_STATUSES, type TaskStatus } from '../contract/tasks'
import { cellValue } from './field-value'
import type { ColumnMapping } from './mapping'

/** What is wrong with one row: where (row number, column) and why, in words. */
export interface RowProblem {
  row: number
  /** null when the problem is the row as a whole (not JSON, wrong number of cells). */
  column: string | null
  reason: string
}

/** A task as `PUT /tasks/batch` takes it. */
export interface TaskItem {
  uid: string
  status?: TaskStatus
  due_at?: string
  external_id?: string
  fields: { title: string; [key: string]: unknown }
}

/** A row turned into a task, or refused with every problem it has. */
export type MappedRow = { row: number; item: TaskItem } | { row: number; problems: RowProblem[] }

/** How rows become tasks. */
export interface RowMapper {
  mapping: ColumnMapping
  /** The uid of the task for a source id (`uidFromSourceId`, or the browser's own MD5). */
  uidFor: (id: string) => string
  /** `text`: CSV cells, typed by `cellValue`; `json`: JSON Lines values, kept as given. */
  values: 'text' | 'json'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// The API's own limits (src/contract/tasks.ts), checked here so that one bad row never
// makes the server refuse the whole batch around it.
const MAX_TITLE = 1000
const MAX_URL = 4096
const MAX_TEXT = 1000
const MAX_FIELDS = 500

/**
 * Maps one source record (a CSV row by column name, or a JSON Lines object) to a task.
 * Empty values count as absent. Every problem of the row is reported, not only the first.
 */
export function mapRow(row: number, record: Record<string, unknown>, mapper: RowMapper): MappedRow {
  const { mapping } = mapper
  const problems: RowProblem[] = []
  const refuse = (column: string | null, reason: string) => problems.push({ row, column, reason })
  const present = (column: string | undefined) =>
    column !== undefined &&
    record[column] !== undefined &&
    record[column] !== null &&
    record[column] !== ''

  const text = (column: string, value: unknown): string | undefined => {
    if (typeof value === 'string') {
      return value
    }
    if (typeof value === 'number' && mapper.values === 'json') {
      return String(value)
    }
    refuse(column, `must be text, not ${JSON.stringify(value)}`)
    return undefined
  }

  let title: string | undefined
  if (present(mapping.title)) {
    title = text(mapping.title, record[mapping.title])
    if (title !== undefined && title.trim() === '') {
      refuse(mapping.title, 'is blank: every task needs a title')
    } else if (title !== undefined && title.length > MAX_TITLE) {
      refuse(mapping.title, `is ${title.length} characters long; a title has at most ${MAX_TITLE}`)
    }
  } else {
    refuse(mapping.title, 'is empty: every task needs a title')
  }

  let uid: string | undefined
  let externalId: string | undefined
  if (mapping.id !== undefined && present(mapping.id)) {
    externalId = text(mapping.id, record[mapping.id])
    if (externalId !== undefined && externalId.length > MAX_TEXT) {
      refuse(mapping.id, `is ${externalId.length} characters long; an id has at most ${MAX_TEXT}`)
    }
  }
  if (mapping.uid !== undefined && present(mapping.uid)) {
    const given = text(mapping.uid, record[mapping.uid])
    if (given !== undefined && !UUID.test(given)) {
      refuse(
        mapping.uid,
        `${JSON.stringify(given)} is not a uid (a UUID such as 0b5e8c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b)`,
      )
    } else if (given !== undefined) {
      uid = given.toLowerCase()
    }
  } else if (externalId !== undefined) {
    uid = mapper.uidFor(externalId)
  } else if (!problems.some((p) => p.column === mapping.id || p.column === mapping.uid)) {
    refuse(
      mapping.uid ?? mapping.id ?? null,
      'is empty: every row needs an id, so that a second import updates it',
    )
  }

  let status: TaskStatus | undefined
  if (mapping.status !== undefined && present(mapping.status)) {
    const given = text(mapping.status, record[mapping.status])
    const upper = given?.trim().toUpperCase()
    if (given !== undefined && !(TASK_STATUSES as readonly string[]).includes(upper ?? '')) {
      refuse(
        mapping.status,
        `${JSON.stringify(given)} is not a status: use ${TASK_STATUSES.join(', ')}`,
      )
    } else {
      status = upper as TaskStatus
    }
  }

  let dueAt: string | undefined
  if (mapping.due !== undefined && present(mapping.due)) {
    const given = text(mapping.due, record[mapping.due])
    if (given !== undefined) {
      // A date or date-time in ISO 8601; without an offset it is read as UTC.
      const parsed = DateTime.fromISO(given.trim(), { zone: 'utc', setZone: true })
      if (parsed.isValid) {
        dueAt = parsed.toUTC().toISO() ?? undefined
      } else {
        refuse(
          mapping.due,
          `${JSON.stringify(given)} is not a date: use ISO 8601, such as 2026-12-31 or 2026-12-31T17:00:00Z`,
        )
      }
    }
  }

  const fields: Record<string, unknown> = {}
  if (mapping.url !== undefined && present(mapping.url)) {
    const url = text(mapping.url, record[mapping.url])
    if (url !== undefined && url.length > MAX_URL) {
      refuse(mapping.url, `is ${url.length} characters long; a url has at most ${MAX_URL}`)
    } else if (url !== undefined) {
      fields.url = url
    }
  }
  const mapped = new Set(Object.values(mapping))
  for (const [column, value] of Object.entries(record)) {
    if (mapped.has(column) || value === undefined || (mapper.values === 'text' && value === '')) {
      continue
    }
    if (column === 'title' || column === 'url') {
      // A column that would clash with the task's own fields keeps its data under its name.
      fields[`${column}_column`] = mapper.values === 'text' ? cellValue(String(value)) : value
      continue
    }
    fields[column] = mapper.values === 'text' ? cellValue(String(value)) : value
  }
  if (Object.keys(fields).length + 1 > MAX_FIELDS) {
    refuse(null, `has ${Object.keys(fields).length + 1} fields; a task has at most ${MAX_FIELDS}`)
  }

  if (problems.length > 0 || title === undefined || uid === undefined) {
    return { row, problems }
  }
  const item: TaskItem = { uid, fields: { title, ...fields } }
  if (status !== undefined) {
    item.status = status
  }
  if (dueAt !== undefined) {
    item.due_at = dueAt
  }
  if (externalId !== undefined) {
    item.external_id = externalId
  }
  return { row, item }
}
