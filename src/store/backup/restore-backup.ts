import { type Database, type Queryable, withTransaction } from '../database'
import { listMigrations, migrate } from '../migrate'
import { SEALED_COLUMNS } from '../sealed-secrets'
import type { BackupHeader, BackupTrailer } from './backup-format'
import {
  type BackupCatalog,
  type BackupTable,
  quoteTable,
  readBackupCatalog,
  tablesWithRows,
} from './catalog'
import { readBackup } from './read-backup'
import { knownSchemaVersion, readAppliedMigrations } from './schema-version'
import { type TableProgress, TEXT_FORM_SETTINGS } from './write-backup'

/** What {@link restoreDatabase} did. */
export interface RestoreSummary {
  /** The schema the backup was taken at. */
  schemaVersion: string
  /** Migrations applied after the rows went in, to bring them to this code's schema. */
  migratedForward: string[]
  tables: number
  rows: number
}

/** A backup that read back whole, with its checksum and counts verified. */
export interface VerifiedBackup {
  file: string
  header: BackupHeader
  trailer: BackupTrailer
  /**
   * One sealed secret per column and key id the backup holds, still sealed: enough for the
   * restore to check, before it writes anything, that the keys given open them.
   */
  sealedSamples: { table: string; column: string; sealed: string }[]
}

/** The key id field of a sealed value (`v1.<kid>.…`), to keep one sample per key. */
const kidOf = (sealed: string) => sealed.split('.')[1] ?? ''

/**
 * Reads the whole file once, checking it, before anything is written anywhere: a truncated,
 * damaged or too-new backup is refused while the target is still untouched.
 */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  let header: BackupHeader | undefined
  let trailer: BackupTrailer | undefined
  // Which columns of which table hold sealed secrets, by their place in a row's line.
  const sealedAt = new Map<string, { column: string; index: number }[]>()
  const samples = new Map<string, { table: string; column: string; sealed: string }>()
  for await (const chunk of readBackup(file)) {
    if (chunk.kind === 'header') {
      header = chunk.header
      for (const table of header.tables) {
        const names = table.columns.map((c) => c.name)
        const sealed = SEALED_COLUMNS.filter((s) => s.table === table.name)
          .map((s) => ({ column: s.column, index: names.indexOf(s.column) }))
          .filter((s) => s.index >= 0)
        if (sealed.length > 0) {
          sealedAt.set(table.name, sealed)
        }
      }
    } else if (chunk.kind === 'rows') {
      for (const { column, index } of sealedAt.get(chunk.table) ?? []) {
        for (const line of chunk.lines) {
          const value = (JSON.parse(line) as unknown[])[index]
          const key = `${chunk.table}.${column}.${typeof value === 'string' ? kidOf(value) : ''}`
          if (typeof value === 'string' && !samples.has(key)) {
            samples.set(key, { table: chunk.table, column, sealed: value })
          }
        }
      }
    } else if (chunk.kind === 'end') {
      trailer = chunk.trailer
    }
  }
  if (!header || !trailer) {
    throw new Error(`${file}: the backup could not be read to its end.`)
  }
  const known = listMigrations()
  if (!known.includes(header.schema_version)) {
    throw new Error(
      `${file}: the backup is at schema ${header.schema_version}, which this version of Tessera does not know (it knows up to ${known.at(-1)}): restore it with a Tessera at least as new as the one that made it. Nothing was changed.`,
    )
  }
  return { file, header, trailer, sealedSamples: [...samples.values()] }
}

/** Refuses a target that holds data, or whose schema is ahead of the backup's. */
async function assertRestorable(db: Database, header: BackupHeader): Promise<void> {
  const applied = await readAppliedMigrations(db.pool)
  if (applied.length === 0) {
    return
  }
  const current = knownSchemaVersion(applied, db.description)
  const filled = await tablesWithRows(
    db.pool,
    (await readBackupCatalog(db.pool)).tables.map((t) => t.name),
  )
  if (filled.length > 0) {
    throw new Error(
      `${db.description} is not empty (${filled.join(', ')} hold rows): a restore only fills a new, empty database or data directory, and never deletes anything. Nothing was changed.`,
    )
  }
  if (applied.length > listMigrations().indexOf(header.schema_version) + 1) {
    throw new Error(
      `${db.description} is empty but already at schema ${current}, newer than the backup's ${header.schema_version}: restore into a database (or data directory) no server has started on yet. Nothing was changed.`,
    )
  }
}

/** Checks that the schema the migrations built has exactly the tables and columns backed up. */
function assertSameTables(header: BackupHeader, catalog: BackupCatalog): void {
  const describe = (tables: { name: string; columns: { name: string; type: string }[] }[]) =>
    tables
      .map((t) => `${t.name}(${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`)
      .sort()
      .join('; ')
  const expected = describe(header.tables)
  const actual = describe(catalog.tables)
  if (expected !== actual) {
    throw new Error(
      `The backup's tables do not match schema ${header.schema_version} as this Tessera builds it: the backup has ${expected}; the schema has ${actual}. No rows were restored.`,
    )
  }
}

/**
 * One INSERT … SELECT per chunk: the rows go to the server as one JSON array of arrays and
 * each value is cast from its text form to its column's type. OVERRIDING SYSTEM VALUE keeps
 * the backed-up identity values.
 */
function insertSql(table: BackupTable, headerColumns: string[]): string {
  const targets = table.columns.map((c) => quoteTable(c.name)).join(', ')
  const values = table.columns
    .map((c) => `(r ->> ${headerColumns.indexOf(c.name)})::${c.type}`)
    .join(', ')
  return `INSERT INTO ${quoteTable(table.name)} (${targets}) OVERRIDING SYSTEM VALUE
    SELECT ${values} FROM json_array_elements($1::json) AS e (r)`
}

/** Moves each sequence past both its backed-up value and the largest restored number. */
async function restoreSequences(
  client: Queryable,
  catalog: BackupCatalog,
  trailer: BackupTrailer,
): Promise<void> {
  for (const owned of catalog.sequences) {
    const state = trailer.sequences[owned.key]
    await client.query(
      `SELECT setval($1::regclass, v, true)
       FROM (SELECT greatest($2::bigint, (SELECT max(${quoteTable(owned.column)}) FROM ${quoteTable(owned.table)})) AS v) AS s
       WHERE v IS NOT NULL`,
      [owned.sequence, state?.is_called ? state.last_value : null],
    )
  }
}

/** Inserts every row of the backup inside the caller's transaction. */
async function insertRows(
  client: Queryable,
  file: string,
  catalog: BackupCatalog,
  progress?: TableProgress,
): Promise<number> {
  const tables = new Map(catalog.tables.map((t) => [t.name, t]))
  const statements = new Map<string, string>()
  let rows = 0
  let inTable = false
  for await (const chunk of readBackup(file)) {
    if (chunk.kind === 'header') {
      for (const { name, columns } of chunk.header.tables) {
        const table = tables.get(name)
        if (table) {
          statements.set(
            name,
            insertSql(
              table,
              columns.map((c) => c.name),
            ),
          )
        }
      }
    } else if (chunk.kind === 'table') {
      if (inTable) {
        progress?.endTable()
      }
      inTable = true
      progress?.startTable(chunk.table, 0)
    } else if (chunk.kind === 'rows') {
      await client.query(String(statements.get(chunk.table)), [`[${chunk.lines.join(',')}]`])
      rows += chunk.lines.length
      progress?.advance(chunk.lines.length)
    } else {
      if (inTable) {
        progress?.endTable()
      }
      await restoreSequences(client, catalog, chunk.trailer)
    }
  }
  return rows
}

/**
 * Restores a backup checked by {@link verifyBackup} into an empty database: rebuilds the
 * schema the backup was taken at, inserts every row in foreign-key order in one transaction
 * with the tables' own triggers off (restored history must neither queue webhooks nor
 * notify live clients again), sets the sequences, then migrates forward to this code's
 * schema. The file is read again as the rows go in, and checked again: should it have
 * changed since, the transaction is rolled back.
 */
export async function restoreDatabase(
  db: Database,
  { file, header, trailer }: VerifiedBackup,
  progress?: TableProgress,
): Promise<RestoreSummary> {
  await assertRestorable(db, header)
  await migrate(db, { target: header.schema_version })
  const catalog = await readBackupCatalog(db.pool)
  assertSameTables(header, catalog)
  const counts = new Map(Object.entries(trailer.rows))
  const reporting: TableProgress | undefined = progress && {
    startTable: (table) => progress.startTable(table, counts.get(table) ?? 0),
    advance: (rows) => progress.advance(rows),
    endTable: () => progress.endTable(),
  }
  const rows = await withTransaction(db, async (client) => {
    for (const setting of TEXT_FORM_SETTINGS) {
      await client.query(setting)
    }
    // Takes each table's exclusive lock too: a concurrent restore waits here, then finds
    // the rows of this one below and gives up.
    for (const table of catalog.tables) {
      await client.query(`ALTER TABLE ${quoteTable(table.name)} DISABLE TRIGGER USER`)
    }
    const filled = await tablesWithRows(
      client,
      catalog.tables.map((t) => t.name),
    )
    if (filled.length > 0) {
      throw new Error(
        `${db.description} received rows while the restore was starting (${filled.join(', ')}); nothing was restored.`,
      )
    }
    const inserted = await insertRows(client, file, catalog, reporting)
    for (const table of catalog.tables) {
      await client.query(`ALTER TABLE ${quoteTable(table.name)} ENABLE TRIGGER USER`)
    }
    return inserted
  })
  const migratedForward = await migrate(db)
  // Fresh planner statistics: without them the first queries on a big restore scan tables.
  await db.pool.query('ANALYZE')
  return {
    schemaVersion: header.schema_version,
    migratedForward,
    tables: catalog.tables.length,
    rows,
  }
}
