import { createHash } from 'node:crypto'
import {
  BackupFileError,
  type BackupHeader,
  type BackupTrailer,
  parseControlLine,
  parseHeader,
} from './backup-format'
import { readGzipLines } from './gzip-lines'

/** Rows per chunk: enough to make each INSERT worth its round trip. */
const CHUNK_ROWS = 1000
/** …unless they are wide: a chunk stays around a megabyte of text. */
const CHUNK_CHARS = 1 << 20

/** A piece of a backup, in file order. `end` comes only once the whole file checked out. */
export type BackupChunk =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: string }
  | { kind: 'rows'; table: string; lines: string[] }
  | { kind: 'end'; trailer: BackupTrailer }

/** Compares the trailer with what was read, or says what does not match. */
function checkTrailer(
  trailer: BackupTrailer | null,
  header: BackupHeader,
  counted: Map<string, number>,
  sha256: string,
): string | null {
  if (trailer === null) {
    return 'the backup is truncated (it has no end marker): it was cut short while being written or copied.'
  }
  if (counted.size !== header.tables.length) {
    return `the backup is damaged: it ends without the tables ${header.tables
      .slice(counted.size)
      .map((t) => t.name)
      .join(', ')}.`
  }
  if (trailer.sha256 !== sha256) {
    return 'the backup is damaged or was altered: its checksum does not match its content.'
  }
  for (const [table, rows] of counted) {
    if (trailer.rows[table] !== rows) {
      return `the backup is damaged: table ${table} holds ${rows} rows but its end marker says ${String(trailer.rows[table])}.`
    }
  }
  return null
}

/**
 * Reads a backup file, checking its structure as it goes and its row counts and checksum at
 * the end: a consumer that acts on the chunks (a restore) must be ready to undo them if a
 * later chunk throws. Every problem is a {@link BackupFileError} naming the file.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupChunk> {
  const fail = (reason: string): never => {
    throw new BackupFileError(file, reason)
  }
  const lines = readGzipLines(file)
  const first = await lines.next()
  const header = parseHeader(first.done ? undefined : first.value)
  if (typeof header === 'string') {
    return fail(header)
  }
  const hash = createHash('sha256').update(`${first.value}\n`)
  yield { kind: 'header', header }

  const counted = new Map<string, number>()
  let table: string | null = null
  let batch: string[] = []
  let batchChars = 0
  let trailer: BackupTrailer | null = null
  for await (const line of lines) {
    if (trailer !== null) {
      return fail('the backup is damaged: it goes on after its end marker.')
    }
    if (line.startsWith('[') && table !== null) {
      hash.update(`${line}\n`)
      batch.push(line)
      batchChars += line.length
      counted.set(table, (counted.get(table) ?? 0) + 1)
      if (batch.length >= CHUNK_ROWS || batchChars >= CHUNK_CHARS) {
        yield { kind: 'rows', table, lines: batch }
        batch = []
        batchChars = 0
      }
      continue
    }
    const control = line.startsWith('{') ? parseControlLine(line) : null
    if (control === null) {
      return fail(`the backup is damaged: line ${linesRead(counted) + 2} is not valid.`)
    }
    if (table !== null && batch.length > 0) {
      yield { kind: 'rows', table, lines: batch }
      batch = []
      batchChars = 0
    }
    if ('end' in control) {
      trailer = control
      continue
    }
    hash.update(`${line}\n`)
    const expected = header.tables[counted.size]?.name
    if (control.table !== expected) {
      return fail(
        `the backup is damaged: found table ${control.table} where ${expected ?? 'the end marker'} was expected.`,
      )
    }
    table = control.table
    counted.set(table, 0)
    yield { kind: 'table', table }
  }
  const problem = checkTrailer(trailer, header, counted, hash.digest('hex'))
  if (problem !== null || trailer === null) {
    return fail(problem ?? 'the backup has no end marker.')
  }
  yield { kind: 'end', trailer }
}

/** Lines read so far after the header, to point at a bad one. */
function linesRead(counted: Map<string, number>): number {
  let lines = 0
  for (const rows of counted.values()) {
    lines += rows + 1
  }
  return lines
}
