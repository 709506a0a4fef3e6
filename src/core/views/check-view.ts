import { AppError, type FieldError } from '../../contract/errors'
import { parseListSort } from '../tasks/cursor'
import { parseExportColumns } from '../tasks/export-columns'
import { parseListFilter } from '../tasks/list-filter'

/** Keys of the list's query that belong to a page of it, not to a view. */
const PAGE_KEYS = ['limit', 'cursor', 'expand']

/** The errors `attempt` throws, their paths moved from the query to where a view keeps them. */
function errorsOf(attempt: () => unknown, from: RegExp, to: string): FieldError[] {
  try {
    attempt()
    return []
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error
    }
    return error.fields.map((field) => ({ ...field, path: field.path.replace(from, to) }))
  }
}

/**
 * Refuses a view that the backlog could not show: its filter must be one GET /tasks accepts,
 * its columns ones the export knows, its sort one of the list's. One 422 names every wrong
 * part, under /body.
 */
export function checkView(view: {
  filter?: Record<string, string | string[]>
  columns?: { key: string }[]
  sort?: string | null
}): void {
  const fields: FieldError[] = []
  if (view.filter) {
    for (const key of PAGE_KEYS) {
      if (key in view.filter) {
        fields.push({ path: `/body/filter/${key}`, message: 'belongs to a page, not to a view' })
      }
    }
    fields.push(
      ...errorsOf(() => parseListFilter(view.filter ?? {}), /^\/query\//, '/body/filter/'),
    )
  }
  if (view.columns && view.columns.length > 0) {
    const keys = view.columns.map((column) => column.key)
    const seen = new Set<string>()
    keys.forEach((key, index) => {
      if (seen.has(key)) {
        fields.push({ path: `/body/columns/${index}/key`, message: `${key} is shown twice` })
      }
      seen.add(key)
      fields.push(
        ...errorsOf(
          () => parseExportColumns(key),
          /^\/query\/columns$/,
          `/body/columns/${index}/key`,
        ),
      )
    })
  }
  if (view.sort !== undefined && view.sort !== null) {
    fields.push(
      ...errorsOf(() => parseListSort(view.sort ?? undefined), /^\/query\/sort$/, '/body/sort'),
    )
  }
  if (fields.length > 0) {
    throw new AppError('validation_failed', 'The view is invalid.', fields)
  }
}
