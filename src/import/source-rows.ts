import { parseCsv } from './csv'
import { parseJsonl } from './jsonl'
import type { RowProblem } from './map-row'
import { MappingError } from './mapping'

/** One record of a file by column name, or the reason it cannot be read at all. */
export type SourceRow =
  | { row: number; record: Record<string, unknown> }
  | { row: number; problem: RowProblem }

/** A file's records, and the columns known before reading them. */
export interface SourceRows {
  /** The header (CSV), or the first object's keys (JSON Lines). */
  columns: string[]
  /** Whether `columns` is every record's set of columns (a CSV header). */
  columnsKnown: boolean
  rows: Iterable<SourceRow>
}

/** A CSV file's rows keyed by its header, which must name every column once. */
export function csvRows(text: string, delimiter = ','): SourceRows {
  const records = parseCsv(text, delimiter)
  const first = records.next()
  if (first.done) {
    throw new MappingError('The file is empty: a CSV import needs a header row and rows under it.')
  }
  if ('error' in first.value) {
    throw new MappingError(`The header row cannot be read: ${first.value.error}.`)
  }
  const columns = first.value.cells.map((cell) => cell.trim())
  const blank = columns.indexOf('')
  if (blank >= 0) {
    throw new MappingError(`Column ${blank + 1} of the header has no name: name every column.`)
  }
  const twice = columns.find((column, index) => columns.indexOf(column) !== index)
  if (twice !== undefined) {
    throw new MappingError(
      `The header names ${JSON.stringify(twice)} twice: name every column once.`,
    )
  }
  function* rows(): Generator<SourceRow> {
    for (const record of records) {
      if ('error' in record) {
        yield { row: record.row, problem: { row: record.row, column: null, reason: record.error } }
        continue
      }
      if (record.cells.length !== columns.length) {
        yield {
          row: record.row,
          problem: {
            row: record.row,
            column: null,
            reason: `has ${record.cells.length} cells where the header has ${columns.length}`,
          },
        }
        continue
      }
      const byColumn: Record<string, unknown> = {}
      for (const [index, column] of columns.entries()) {
        byColumn[column] = record.cells[index]
      }
      yield { row: record.row, record: byColumn }
    }
  }
  return { columns, columnsKnown: true, rows: rows() }
}

/**
 * A JSON Lines file's objects. An object with a `fields` object (a task as Fragment's API
 * returns it) is read flat: its fields beside its other keys.
 */
export function jsonlRows(text: string): SourceRows {
  const flat = (value: Record<string, unknown>): Record<string, unknown> => {
    const { fields, ...rest } = value
    return fields !== null && typeof fields === 'object' && !Array.isArray(fields)
      ? { ...(fields as Record<string, unknown>), ...rest }
      : value
  }
  const all = [...parseJsonl(text)]
  const first = all.find((record) => 'value' in record)
  const columns = first && 'value' in first ? Object.keys(flat(first.value)) : []
  const rows = all.map(
    (record): SourceRow =>
      'error' in record
        ? { row: record.row, problem: { row: record.row, column: null, reason: record.error } }
        : { row: record.row, record: flat(record.value) },
  )
  if (rows.length === 0) {
    throw new MappingError('The file is empty: a JSON Lines import needs one object per line.')
  }
  return { columns, columnsKnown: false, rows }
}
