/**
 * The backlog's columns: which exist (every column GET /tasks/export accepts: task keys,
 * `queue_name`, `assignee_email`, `fields.<key>`), their labels (custom fields by their
 * definitions' labels), which the list can sort by, the default set, and how a chosen set
 * with its widths is written in the page's address (`col=320:fields.title&col=status`).
 */
import type { FieldDefinition } from '../../api'
import { sortDefinitions } from '../../fields'
import type { SortKey } from './backlog-filters'

/** One column as the reader left it: its key and, once resized, its width in pixels. */
export interface ColumnSetting {
  key: string
  width?: number
}

/**
 * Task keys the export writes as cells: EXPORTABLE_TASK_KEYS of
 * src/core/tasks/export-columns.ts (a unit test keeps the two lists equal), with their labels.
 */
export const NATIVE_COLUMNS: Readonly<Record<string, string>> = {
  uid: 'Uid',
  status: 'Status',
  archived: 'Archived',
  due_at: 'Due',
  created_at: 'Created',
  updated_at: 'Updated',
  started_at: 'Started at',
  done_at: 'Done at',
  snooze_expires_at: 'Snoozed until',
  queue_uid: 'Queue uid',
  assignee_uid: 'Assignee uid',
  assigned_at: 'Assigned at',
  skills: 'Skills',
  tags: 'Tags',
  parent_uid: 'Parent task',
  case_uid: 'Case',
  task_type: 'Task type',
  review_status: 'Review status',
  external_id: 'External id',
  external_status: 'External status',
  sla_due_at: 'SLA',
  first_response_due_at: 'First response due',
  resolution_due_at: 'Resolution due',
  sla_breach_at: 'SLA breach (wall clock)',
  sla_breach_business_at: 'SLA breach (business hours)',
  queue_time: 'Time in queue',
  wait_time: 'Wait time',
  work_time: 'Work time',
  work_time_business: 'Work time (business hours)',
  resolution_time: 'Resolution time',
  resolution_time_business: 'Resolution time (business hours)',
}

/** Columns the export computes from the task: names, not uids. */
export const COMPUTED_COLUMNS: Readonly<Record<string, string>> = {
  queue_name: 'Queue',
  assignee_email: 'Assignee',
}

export const TITLE_COLUMN = 'fields.title'
const FIELD_PREFIX = 'fields.'

/**
 * The columns shown until the reader picks their own; a last "Fields" column then sums up
 * each row's custom fields ({@link SUMMARY_COLUMN}).
 */
export const DEFAULT_COLUMNS: readonly string[] = [
  TITLE_COLUMN,
  'status',
  'assignee_email',
  'queue_name',
  'due_at',
  'sla_due_at',
]

/**
 * A column of the screen only: a row's custom fields by label, those shown in the backlog
 * first (`backlogFields`). It is no column of the export, so exports and saved views leave it
 * out; the default set ends with it, and a view saved with the default set saves no columns
 * (and so keeps it).
 */
export const SUMMARY_COLUMN = 'fields'

/** The columns the list can sort by, and their sort key. */
const SORTABLE: Readonly<Record<string, SortKey>> = {
  due_at: 'due_at',
  created_at: 'created_at',
  updated_at: 'updated_at',
}

/** Widths a view accepts (src/contract/views.ts). */
export const MIN_WIDTH = 40
export const MAX_WIDTH = 2000

/** What the table and the picker need to know of one column. */
export interface ColumnInfo {
  key: string
  label: string
  /** The list's sort key for this column, or null when the list cannot sort by it. */
  sortKey: SortKey | null
  /** The custom field's key (`fields.<key>`), else null. */
  fieldKey: string | null
  definition: FieldDefinition | null
}

/** Whether `key` names a column the export (and so a view) accepts. */
export function isKnownColumn(key: string): boolean {
  return (
    Object.hasOwn(NATIVE_COLUMNS, key) ||
    Object.hasOwn(COMPUTED_COLUMNS, key) ||
    (key.startsWith(FIELD_PREFIX) && key.length > FIELD_PREFIX.length && key.length <= 210)
  )
}

/** A column's label (custom fields by their definition's label) and sort key. */
export function columnInfo(key: string, definitions: readonly FieldDefinition[]): ColumnInfo {
  if (key === SUMMARY_COLUMN) {
    return { key, label: 'Fields', sortKey: null, fieldKey: null, definition: null }
  }
  if (key.startsWith(FIELD_PREFIX)) {
    const fieldKey = key.slice(FIELD_PREFIX.length)
    const definition = definitions.find((candidate) => candidate.key === fieldKey) ?? null
    const label =
      definition?.label ?? (fieldKey === 'title' ? 'Title' : fieldKey === 'url' ? 'Link' : fieldKey)
    return { key, label, sortKey: null, fieldKey, definition }
  }
  const label = NATIVE_COLUMNS[key] ?? COMPUTED_COLUMNS[key] ?? key
  return { key, label, sortKey: SORTABLE[key] ?? null, fieldKey: null, definition: null }
}

/** Whether `key` is a column the table can show: an export column, or the summary. */
export function isScreenColumn(key: string): boolean {
  return key === SUMMARY_COLUMN || isKnownColumn(key)
}

/** The columns a view or an export takes: those shown, but the summary. */
export function savedColumns(columns: ColumnSetting[]): ColumnSetting[] {
  return columns.filter((column) => column.key !== SUMMARY_COLUMN)
}

/** The columns shown: the reader's, or the default set with its summary. */
export function shownColumns(columns: ColumnSetting[] | null): ColumnSetting[] {
  return columns ?? [...DEFAULT_COLUMNS, SUMMARY_COLUMN].map((key) => ({ key }))
}

/** A group of columns the picker offers, in order. */
export interface ColumnGroup {
  label: string
  columns: ColumnInfo[]
}

/**
 * Every column the picker offers: the task's own, then custom fields (defined ones by label,
 * in position order, then keys seen on the tasks shown that no definition describes).
 */
export function availableColumns(
  definitions: readonly FieldDefinition[],
  seenFieldKeys: readonly string[],
): ColumnGroup[] {
  const defined = sortDefinitions(definitions).map((definition) => definition.key)
  const undefinedKeys = seenFieldKeys
    .filter((key) => key !== 'title' && key !== 'url' && !defined.includes(key))
    .sort((a, b) => a.localeCompare(b))
  const info = (key: string) => columnInfo(key, definitions)
  return [
    {
      label: 'Task',
      columns: [
        TITLE_COLUMN,
        'status',
        'assignee_email',
        'queue_name',
        ...Object.keys(NATIVE_COLUMNS).filter((key) => key !== 'status'),
        'fields.url',
        SUMMARY_COLUMN,
      ].map(info),
    },
    {
      label: 'Custom fields',
      columns: [...defined, ...undefinedKeys]
        .filter((key) => key !== 'title' && key !== 'url')
        .map((key) => info(`${FIELD_PREFIX}${key}`)),
    },
  ]
}

function clampWidth(width: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)))
}

const WITH_WIDTH = /^(\d{1,4}):(.+)$/

/**
 * The chosen columns from the page's query string (`col`, repeated, in order; `320:key` with
 * a width). Null when none are named, or when none is a column: the default set.
 */
export function columnsFromSearch(search: URLSearchParams): ColumnSetting[] | null {
  const columns: ColumnSetting[] = []
  for (const raw of search.getAll('col')) {
    const sized = WITH_WIDTH.exec(raw)
    const key = sized ? (sized[2] as string) : raw
    if (isScreenColumn(key) && !columns.some((column) => column.key === key)) {
      columns.push(sized ? { key, width: clampWidth(Number(sized[1])) } : { key })
    }
  }
  return columns.length > 0 ? columns : null
}

/** The `col` parameters for the chosen columns; none for the default set. */
export function columnsToSearch(columns: ColumnSetting[] | null): [string, string][] {
  return (columns ?? []).map((column) => [
    'col',
    column.width === undefined ? column.key : `${clampWidth(column.width)}:${column.key}`,
  ])
}

/** The columns to start a reader's own set from: those shown. */
export function editableColumns(columns: ColumnSetting[] | null): ColumnSetting[] {
  return shownColumns(columns)
}

/** Moves the column at `from` to `to`, the others keeping their order. */
export function moveColumn(columns: ColumnSetting[], from: number, to: number): ColumnSetting[] {
  if (from === to || from < 0 || to < 0 || from >= columns.length || to >= columns.length) {
    return columns
  }
  const next = [...columns]
  const [moved] = next.splice(from, 1)
  next.splice(to, 0, moved as ColumnSetting)
  return next
}

/** Sets one column's width (clamped to what a view accepts). */
export function resizeColumn(
  columns: ColumnSetting[],
  key: string,
  width: number,
): ColumnSetting[] {
  return columns.map((column) =>
    column.key === key ? { ...column, width: clampWidth(width) } : column,
  )
}

/**
 * The export's `columns` for what is shown. The reader's own set as it is (without the
 * summary); the default set with the task's uid first and, for its summary, every defined
 * custom field (a file has one header for all rows).
 */
export function exportColumns(
  columns: ColumnSetting[] | null,
  definitions: readonly FieldDefinition[],
): string[] {
  if (columns) {
    return savedColumns(columns).map((column) => column.key)
  }
  const fields = sortDefinitions(definitions)
    .map((definition) => `${FIELD_PREFIX}${definition.key}`)
    .filter((key) => key !== TITLE_COLUMN)
  return ['uid', ...DEFAULT_COLUMNS, ...fields]
}
