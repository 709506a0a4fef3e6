/**
 * One record of a CSV file, numbered by the line it starts on (the header is 1): for a file
 * without line breaks inside cells, the row number a spreadsheet shows too.
 */
export type CsvRecord = { row: number; cells: string[] } | { row: number; error: string }

/**
 * Splits CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF, a leading BOM) into
 * records. Blank lines are skipped. A quote left open swallows the rest of the file, so it
 * ends the file with an error at the row where it opened rather than a row of nonsense.
 *
 * Hand-written because no CSV library is installed; csv-parse would replace it one for one.
 */
export function* parseCsv(text: string, delimiter = ','): Generator<CsvRecord> {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const sep = delimiter.charCodeAt(0)
  let row = 0
  let i = 0
  const n = input.length
  while (i < n) {
    row += 1
    const startRow = row
    const cells: string[] = []
    let cell = ''
    let ended = false
    while (!ended) {
      if (input.charCodeAt(i) === 34 /* " */) {
        // A quoted cell: runs to the next lone quote, line breaks included.
        i += 1
        let closed = false
        let from = i
        while (i < n) {
          const quote = input.indexOf('"', i)
          if (quote < 0) {
            break
          }
          if (input.charCodeAt(quote + 1) === 34) {
            cell += input.slice(from, quote + 1)
            i = quote + 2
            from = i
            continue
          }
          cell += input.slice(from, quote)
          i = quote + 1
          closed = true
          break
        }
        if (!closed) {
          yield { row: startRow, error: 'a quoted cell is never closed' }
          return
        }
        row += countLineBreaks(cell)
      }
      // The unquoted part (or what follows a closing quote) up to the delimiter or line end.
      let j = i
      while (j < n) {
        const c = input.charCodeAt(j)
        if (c === sep || c === 10 || c === 13) {
          break
        }
        j += 1
      }
      cell += input.slice(i, j)
      cells.push(cell)
      cell = ''
      const c = input.charCodeAt(j)
      if (c === sep) {
        i = j + 1
        if (i >= n) {
          cells.push('')
          ended = true
        }
      } else {
        i = c === 13 && input.charCodeAt(j + 1) === 10 ? j + 2 : j + 1
        ended = true
      }
    }
    if (cells.length === 1 && cells[0] === '') {
      continue
    }
    yield { row: startRow, cells }
  }
}

function countLineBreaks(text: string): number {
  let count = 0
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
    count += 1
  }
  return count
}
