/**
 * The JSON value a CSV cell stands for, by one rule that never guesses at formatting:
 * `true` and `false` (any case) are booleans; a number is a number only when written the
 * way JSON would write it back (`42`, `-3.5`, `0.25`), so `007`, `1.50`, `1e3`, `+33 6…`
 * and integers past 2^53 stay text, exactly as typed; anything else is text.
 */
export function cellValue(cell: string): string | number | boolean {
  const lower = cell.toLowerCase()
  if (lower === 'true' || lower === 'false') {
    return lower === 'true'
  }
  if (NUMBER.test(cell)) {
    const value = Number(cell)
    if (String(value) === cell && (Number.isSafeInteger(value) || !Number.isInteger(value))) {
      return value
    }
  }
  return cell
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/
