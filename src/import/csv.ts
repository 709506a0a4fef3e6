import { CsvError, parse } from 'csv-parse/sync'

/**
 * One record of a CSV file, numbered by the line it starts on (the header is 1): for a file
 * without line breaks inside cells, the row number a spreadsheet shows too.
 */
export type CsvRecord = { row: number; cells: string[] } | { row: number; error: string }

interface ParsedRecord {
  record: string[]
  info: { lines: number }
}

function lineBreaksIn(cells: string[]): number {
  return cells.reduce((count, cell) => count + cell.split('\n').length - 1, 0)
}

/**
 * Splits CSV text into records with csv-parse (RFC 4180: quoted cells, doubled quotes, CRLF
 * or LF, a leading BOM; blank lines skipped; rows may have any number of cells, the mapping
 * judges them). A quote left open swallows the rest of the file, so the records before it
 * are kept and the file ends with an error at the row where it opened.
 */
export function* parseCsv(text: string, delimiter = ','): Generator<CsvRecord> {
  const parsed: ParsedRecord[] = []
  let failure: string | undefined
  try {
    parse(text, {
      bom: true,
      delimiter,
      // Files edited on several systems mix line ends; auto-detection would keep the first.
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      // Collected one by one, so that a broken record late in the file keeps those before it.
      on_record: (record) => {
        // With `info`, csv-parse hands each record over with its info; its types do not say so.
        parsed.push(record as unknown as ParsedRecord)
        return record
      },
    })
  } catch (error) {
    if (!(error instanceof CsvError)) {
      throw error
    }
    failure =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : error.message
  }
  for (const { record, info } of parsed) {
    // info.lines is the line the record ends on; its cells' line breaks say where it began.
    yield { row: info.lines - lineBreaksIn(record), cells: record }
  }
  if (failure !== undefined) {
    yield { row: (parsed.at(-1)?.info.lines ?? 0) + 1, error: failure }
  }
}
