import { AppError } from '../../contract/errors'

/** What one column of an export holds. */
export type ExportColumn =
  | { kind: 'task'; key: string }
  | { kind: 'field'; key: string }
  | { kind: 'queue_name' }
  | { kind: 'assignee_email' }

/** Keys of the task object whose values fit in a cell (no nested objects). */
export const EXPORTABLE_TASK_KEYS = [
  'uid',
  'status',
  'archived',
  'due_at',
  'created_at',
  'updated_at',
  'started_at',
  'done_at',
  'snooze_expires_at',
  'queue_uid',
  'assignee_uid',
  'assigned_at',
  'skills',
  'tags',
  'parent_uid',
  'case_uid',
  'task_type',
  'review_status',
  'external_id',
  'external_status',
  'sla_due_at',
  'first_response_due_at',
  'resolution_due_at',
  'sla_breach_at',
  'sla_breach_business_at',
  'queue_time',
  'wait_time',
  'work_time',
  'work_time_business',
  'resolution_time',
  'resolution_time_business',
] as const

export const DEFAULT_EXPORT_COLUMNS =
  'uid,fields.title,status,queue_name,assignee_email,due_at,created_at,done_at,fields.url'

const TASK_KEYS = new Set<string>(EXPORTABLE_TASK_KEYS)
const FIELD_KEY = /^fields\.(.{1,200})$/

/** The columns a `columns` parameter names, in order; a 422 names every unknown one. */
export function parseExportColumns(raw: string = DEFAULT_EXPORT_COLUMNS): ExportColumn[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const unknown: string[] = []
  const columns = names.map((name): ExportColumn => {
    if (name === 'queue_name' || name === 'assignee_email') {
      return { kind: name }
    }
    const field = FIELD_KEY.exec(name)
    if (field) {
      return { kind: 'field', key: field[1] as string }
    }
    if (!TASK_KEYS.has(name)) {
      unknown.push(name)
    }
    return { kind: 'task', key: name }
  })
  if (names.length === 0 || unknown.length > 0) {
    throw new AppError('validation_failed', 'The request is invalid.', [
      {
        path: '/query/columns',
        message:
          names.length === 0
            ? 'must name at least one column'
            : `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use a task key (${EXPORTABLE_TASK_KEYS.join(', ')}), queue_name, assignee_email or fields.<key>`,
      },
    ])
  }
  return columns
}

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A value as CSV cell text. Text that a spreadsheet would run as a formula gets a leading
 * apostrophe (OWASP's advice against CSV injection): exports are opened in Excel, and task
 * fields come from outside systems.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return ''
  }
  if (typeof value === 'string') {
    return FORMULA_START.test(value) ? `'${value}` : value
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return cellText(value.join(', '))
  }
  return cellText(JSON.stringify(value))
}
