/**
 * Whether a column keeps its value: the same primitive, the same instant, or the same JSON.
 * An object passed on unchanged (the core copies a task, never edits one in place: history is
 * described from the same comparison) counts as the same without being serialized.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true
  }
  if (a instanceof Date && b instanceof Date) {
    return a.getTime() === b.getTime()
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false
  }
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The columns, of those given, whose value differs between a row as read (`before`) and as
 * it is to be written (`after`), row by row; a row with no counterpart of the same uid
 * counts every column as changed. When in doubt (a date against its text) a column counts as
 * changed: writing a value again is harmless, leaving a changed one out is not.
 */
export function changedColumns<Row extends { uid: string }, Column extends keyof Row & string>(
  before: readonly Row[],
  after: readonly Row[],
  columns: readonly Column[],
): Column[] {
  return columns.filter((column) =>
    after.some((row, i) => {
      const old = before[i]
      return old?.uid !== row.uid || !sameValue(old[column], row[column])
    }),
  )
}
