import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Database } from '../database'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupTrailer,
  type SequenceState,
} from './backup-format'
import { type BackupTable, quoteTable, readBackupCatalog } from './catalog'
import { writeGzipLines } from './gzip-lines'
import { knownSchemaVersion, readAppliedMigrations } from './schema-version'

/** Rows fetched per round trip: a few hundred kilobytes of a wide table at most. */
const FETCH_ROWS = 1000

/** What a backup or restore reports as it goes, table by table. */
export interface TableProgress {
  /** A table starts, with the number of rows it holds. */
  startTable(table: string, rows: number): void
  /** `rows` more rows of the current table are done. */
  advance(rows: number): void
  /** The current table is done. */
  endTable(): void
}

/** What {@link backupDatabase} did. */
export interface BackupSummary {
  schemaVersion: string
  tables: number
  rows: number
  /** Size of the compressed file. */
  bytes: number
}

/**
 * Settings that fix the text form of values, so that a backup is written and read the same
 * whatever the server's configuration: UTC offsets, ISO dates, exact floats, hex bytea.
 */
export const TEXT_FORM_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL bytea_output = 'hex'",
]

function selectRowsSql(table: BackupTable): string {
  const values = table.columns.map((c) => `${quoteTable(c.name)}::text`).join(', ')
  const order =
    table.keyColumns.length > 0
      ? ` ORDER BY ${table.keyColumns.map((c) => quoteTable(c)).join(', ')}`
      : ''
  return `SELECT to_json(ARRAY[${values}]::text[])::text AS line FROM ${quoteTable(table.name)}${order}`
}

/**
 * The backup's lines, read from one snapshot. A cursor streams each table: memory holds one
 * fetch, whatever the size of the table, and unlike keyset paging it needs no key, so a
 * table without a primary key is covered too.
 */
async function* backupLines(
  client: pg.PoolClient,
  engine: string,
  done: { schemaVersion: string; rows: Record<string, number> },
  progress?: TableProgress,
): AsyncGenerator<string> {
  const hash = createHash('sha256')
  const emit = (line: string): string => {
    const text = `${line}\n`
    hash.update(text)
    return text
  }
  const schemaVersion = knownSchemaVersion(await readAppliedMigrations(client), 'The database')
  done.schemaVersion = schemaVersion
  const catalog = await readBackupCatalog(client)
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    schema_version: schemaVersion,
    created_at: new Date().toISOString(),
    engine,
    tables: catalog.tables.map((t) => ({ name: t.name, columns: t.columns })),
  }
  yield emit(JSON.stringify(header))
  for (const table of catalog.tables) {
    const total = await client.query<{ rows: number }>(
      `SELECT count(*) AS rows FROM ${quoteTable(table.name)}`,
    )
    progress?.startTable(table.name, total.rows[0]?.rows ?? 0)
    yield emit(JSON.stringify({ table: table.name }))
    await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR ${selectRowsSql(table)}`)
    let written = 0
    for (;;) {
      const batch = await client.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`)
      for (const row of batch.rows) {
        yield emit(row.line)
      }
      written += batch.rows.length
      progress?.advance(batch.rows.length)
      if (batch.rows.length < FETCH_ROWS) {
        break
      }
    }
    await client.query('CLOSE backup_rows')
    done.rows[table.name] = written
    progress?.endTable()
  }
  const sequences: Record<string, SequenceState> = {}
  for (const owned of catalog.sequences) {
    // A sequence may have run ahead of the rows (deleted rows, rolled-back inserts): its own
    // value is kept so that a restored database never hands out a number twice.
    const state = await client.query<SequenceState>(
      `SELECT last_value::text AS last_value, is_called FROM ${owned.sequence}`,
    )
    const row = state.rows[0]
    if (row) {
      sequences[owned.key] = row
    }
  }
  const trailer: BackupTrailer = {
    end: true,
    rows: done.rows,
    sequences,
    sha256: hash.digest('hex'),
  }
  yield `${JSON.stringify(trailer)}\n`
}

/**
 * Writes a logical backup of every table (see backup-format.ts) to `file`, gzip'd. It reads
 * one REPEATABLE READ snapshot, so a PostgreSQL server can keep serving meanwhile and the
 * backup is still consistent: every transaction committed before it started, none after.
 * It never writes to the database, and never migrates it.
 */
export async function backupDatabase(
  db: Database,
  file: string,
  progress?: TableProgress,
): Promise<BackupSummary> {
  const client = await db.pool.connect()
  const done = { schemaVersion: '', rows: {} as Record<string, number> }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    for (const setting of TEXT_FORM_SETTINGS) {
      await client.query(setting)
    }
    const bytes = await writeGzipLines(file, backupLines(client, db.engine, done, progress))
    await client.query('COMMIT')
    const rows = Object.values(done.rows).reduce((sum, n) => sum + n, 0)
    return { schemaVersion: done.schemaVersion, tables: Object.keys(done.rows).length, rows, bytes }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
