import type { BulkActionBody } from '../../contract/bulk'
import { AppError, type FieldError } from '../../contract/errors'
import { type BulkCursor, decodeBulkCursor } from './bulk-action'
import { type ListFilter, parseListFilter } from './list-filter'

/** The tasks a bulk action is asked to change. */
export type BulkSelection =
  | { kind: 'uids'; uids: string[] }
  | {
      kind: 'filter'
      filter: ListFilter
      /** The filter as sent, kept to check that a request going on asks the same. */
      raw: Record<string, string | string[]>
      after: BulkCursor | null
    }

const PATH = '/body/selection'

/** Parameters of GET /tasks that shape a page, not the set of tasks: not in a selection. */
const PAGE_PARAMS = ['limit', 'cursor'] as const

/**
 * Reads a selection: `uids` (each counted once, lower-cased, in uid order), or `filter` with
 * the meaning of GET /tasks's parameters and an optional `after`. Every mistake is a 422
 * naming its key under `/body/selection`.
 */
export function readSelection(selection: BulkActionBody['selection']): BulkSelection {
  const errors: FieldError[] = []
  const { uids, filter, after } = selection
  if ((uids === undefined) === (filter === undefined)) {
    errors.push({ path: `${PATH}/uids`, message: 'give uids or filter, one of the two' })
  }
  if (after !== undefined && filter === undefined) {
    errors.push({ path: `${PATH}/after`, message: 'goes with a filter' })
  }
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The selection is invalid.', errors)
  }
  if (uids !== undefined) {
    return { kind: 'uids', uids: [...new Set(uids.map((uid) => uid.toLowerCase()))].sort() }
  }
  const raw = filter as Record<string, string | string[]>
  for (const key of PAGE_PARAMS) {
    if (raw[key] !== undefined) {
      errors.push({
        path: `${PATH}/filter/${key}`,
        message: 'a filter selects every matching task: select uids to act on one page',
      })
    }
  }
  let parsed: ListFilter | null = null
  try {
    parsed = parseListFilter(raw)
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error
    }
    // The list's parameters are named as query parameters; here they are body keys.
    errors.push(
      ...error.fields.map((field) => ({
        ...field,
        path: field.path.replace(/^\/query\//, `${PATH}/filter/`),
      })),
    )
  }
  let cursor: BulkCursor | null = null
  if (after !== undefined) {
    try {
      cursor = decodeBulkCursor(after, `${PATH}/after`)
    } catch (error) {
      errors.push(...(error as AppError).fields)
    }
  }
  if (errors.length > 0 || !parsed) {
    throw new AppError('validation_failed', 'The selection is invalid.', errors)
  }
  return { kind: 'filter', filter: parsed, raw, after: cursor }
}
