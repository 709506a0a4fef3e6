import { isJsonObject } from '../../core/conditions/json-values'
import type { BackupColumn } from './catalog'

/**
 * The backup file: gzip'd text, one JSON value per line.
 *
 * - line 1, the header: `{"format":"tessera-backup","version":1,"schema_version":…,
 *   "created_at":…,"engine":…,"tables":[{"name":…,"columns":[{"name":…,"type":…}]}]}`,
 *   tables in foreign-key order;
 * - for each table in that order, a section line `{"table":"tasks"}` followed by one line per
 *   row: a JSON array holding each column's value in PostgreSQL's text form (or null), in
 *   the header's column order. Text forms are what `COPY` uses: exact for every type and
 *   the same on PGlite and PostgreSQL, whereas JSON numbers and JSON null would blur
 *   bigints and a jsonb `null` with SQL NULL;
 * - the trailer: `{"end":true,"rows":{table:count},"sequences":{…},"sha256":…}`, the hash
 *   covering every byte of the lines before it.
 *
 * Rows are arrays and every other line an object, so the first character tells them apart.
 */
export const BACKUP_FORMAT = 'tessera-backup'

/** The version of the layout above; bumped when a reader of the old one would misread. */
export const BACKUP_FORMAT_VERSION = 1

/** The first line of a backup. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  /** The last migration applied to the database backed up. */
  schema_version: string
  created_at: string
  engine: string
  tables: { name: string; columns: BackupColumn[] }[]
}

/** A sequence's state as `SELECT last_value, is_called` reads it. */
export interface SequenceState {
  last_value: string
  is_called: boolean
}

/** The last line of a backup. */
export interface BackupTrailer {
  end: true
  rows: Record<string, number>
  /** Keyed by `table.column`. */
  sequences: Record<string, SequenceState>
  sha256: string
}

/** A backup file that cannot be used, with the reason in words a user can act on. */
export class BackupFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason} Nothing was changed.`)
    this.name = 'BackupFileError'
  }
}

function isColumn(value: unknown): value is BackupColumn {
  return isJsonObject(value) && typeof value.name === 'string' && typeof value.type === 'string'
}

function isTableList(value: unknown): value is BackupHeader['tables'] {
  return (
    Array.isArray(value) &&
    value.every(
      (t) =>
        isJsonObject(t) &&
        typeof t.name === 'string' &&
        Array.isArray(t.columns) &&
        t.columns.every(isColumn),
    )
  )
}

/** Parses a header line, or tells in one sentence why it is not one we can read. */
export function parseHeader(line: string | undefined): BackupHeader | string {
  let value: unknown
  try {
    value = JSON.parse(line ?? '')
  } catch {
    return 'this is not a Tessera backup (its first line is not a backup header).'
  }
  if (!isJsonObject(value) || value.format !== BACKUP_FORMAT) {
    return 'this is not a Tessera backup (its first line is not a backup header).'
  }
  if (value.version !== BACKUP_FORMAT_VERSION) {
    return `the backup uses format version ${String(value.version)}; this Tessera reads version ${BACKUP_FORMAT_VERSION}. Restore it with the Tessera that wrote it, or a newer one.`
  }
  if (
    typeof value.schema_version !== 'string' ||
    typeof value.created_at !== 'string' ||
    typeof value.engine !== 'string' ||
    !isTableList(value.tables)
  ) {
    return 'the backup header is damaged (schema_version, created_at, engine or tables is missing or malformed).'
  }
  return value as unknown as BackupHeader
}

/** A control line after the header: a section start, or the trailer. */
export type ControlLine = { table: string } | BackupTrailer

/** Parses a line that starts with `{`, or returns null if it is neither kind of control line. */
export function parseControlLine(line: string): ControlLine | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (isJsonObject(value) && typeof value.table === 'string') {
    return { table: value.table }
  }
  if (
    isJsonObject(value) &&
    value.end === true &&
    isJsonObject(value.rows) &&
    isJsonObject(value.sequences) &&
    typeof value.sha256 === 'string'
  ) {
    return value as unknown as BackupTrailer
  }
  return null
}
