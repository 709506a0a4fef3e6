import pg from 'pg'
import type { Queryable } from '../database'

/** A column a backup carries: its name and its SQL type as `format_type` spells it. */
export interface BackupColumn {
  name: string
  type: string
}

/** A table a backup carries, read from the catalog. */
export interface BackupTable {
  name: string
  /** Every column a row can be given (generated columns are recomputed instead). */
  columns: BackupColumn[]
  /** The primary key, which orders the rows; empty for a table without one. */
  keyColumns: string[]
}

/** A sequence that numbers a column (identity or serial), named by that column. */
export interface OwnedSequence {
  /** `table.column`: the same on every engine, unlike the sequence's own name. */
  key: string
  table: string
  column: string
  /** The sequence, quoted and schema-qualified as `regclass` prints it. */
  sequence: string
}

/** The table that records applied migrations: bookkeeping, rebuilt by the migrations. */
export const MIGRATIONS_TABLE = 'schema_migrations'

/**
 * The tables worth backing up: every ordinary or partitioned table of the schema the
 * migrations write to, except the migrations' bookkeeping and UNLOGGED tables. An UNLOGGED
 * table (the rate-limit counters) is by declaration worthless after a crash, so it is not
 * worth restoring either. Partitions are read and written through their parent.
 */
const TABLES_SQL = `
  SELECT c.oid::int8 AS oid, c.relname AS name
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema()
    AND c.relkind IN ('r', 'p')
    AND c.relpersistence = 'p'
    AND NOT c.relispartition
    AND c.relname <> $1`

const COLUMNS_SQL = `
  SELECT a.attrelid::int8 AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute a
  WHERE a.attrelid = ANY ($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
    AND a.attgenerated = ''
  ORDER BY a.attrelid, a.attnum`

const KEYS_SQL = `
  SELECT i.indrelid::int8 AS oid, a.attname AS name
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, position)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indisprimary AND i.indrelid = ANY ($1::oid[])
  ORDER BY i.indrelid, k.position`

const FOREIGN_KEYS_SQL = `
  SELECT conrelid::int8 AS child, confrelid::int8 AS parent
  FROM pg_constraint
  WHERE contype = 'f' AND conrelid = ANY ($1::oid[])`

const SEQUENCES_SQL = `
  SELECT d.refobjid::int8 AS oid, a.attname AS column, s.oid::regclass::text AS sequence
  FROM pg_depend d
  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.deptype IN ('a', 'i') AND d.refobjid = ANY ($1::oid[])
  ORDER BY 1, 2`

/** The backed-up tables and the sequences of their columns, as the catalog describes them. */
export interface BackupCatalog {
  /** Parents before children, so rows can be inserted in this order. */
  tables: BackupTable[]
  sequences: OwnedSequence[]
}

/**
 * Sorts tables so that every table comes after the tables its foreign keys point at
 * (Kahn's algorithm, by name among equals so the order is stable). A cycle, a table that
 * references itself included, cannot be restored with the constraints checked row by row:
 * it is refused here, so that the migration that adds one also teaches backups about it.
 */
function sortByForeignKeys(names: Map<number, string>, edges: { child: number; parent: number }[]) {
  const parentsOf = new Map<number, Set<number>>([...names.keys()].map((oid) => [oid, new Set()]))
  for (const { child, parent } of edges) {
    const name = names.get(parent)
    if (name === undefined) {
      throw new Error(
        `Table ${names.get(child)} references a table that backups do not carry; teach src/store/backup/catalog.ts about it.`,
      )
    }
    parentsOf.get(child)?.add(parent)
  }
  const ordered: number[] = []
  const done = new Set<number>()
  while (ordered.length < names.size) {
    const ready = [...parentsOf.entries()]
      .filter(([oid, parents]) => !done.has(oid) && [...parents].every((p) => done.has(p)))
      .map(([oid]) => oid)
      .sort((a, b) => String(names.get(a)).localeCompare(String(names.get(b))))
    if (ready.length === 0) {
      const stuck = [...names.entries()].filter(([oid]) => !done.has(oid)).map(([, n]) => n)
      throw new Error(
        `Foreign keys form a cycle among ${stuck.join(', ')}: backups restore tables one after the other and cannot load them.`,
      )
    }
    for (const oid of ready) {
      done.add(oid)
      ordered.push(oid)
    }
  }
  return ordered
}

/** Reads the tables to back up, in foreign-key order, with their columns and sequences. */
export async function readBackupCatalog(q: Queryable): Promise<BackupCatalog> {
  const tables = (await q.query<{ oid: number; name: string }>(TABLES_SQL, [MIGRATIONS_TABLE])).rows
  const oids = tables.map((t) => t.oid)
  // One after the other: `q` may be a single client inside a transaction.
  const columns = await q.query<{ oid: number; name: string; type: string }>(COLUMNS_SQL, [oids])
  const keys = await q.query<{ oid: number; name: string }>(KEYS_SQL, [oids])
  const foreignKeys = await q.query<{ child: number; parent: number }>(FOREIGN_KEYS_SQL, [oids])
  const sequences = await q.query<{ oid: number; column: string; sequence: string }>(
    SEQUENCES_SQL,
    [oids],
  )
  const names = new Map(tables.map((t) => [t.oid, t.name]))
  const ordered = sortByForeignKeys(names, foreignKeys.rows)
  return {
    tables: ordered.map((oid) => ({
      name: String(names.get(oid)),
      columns: columns.rows.filter((c) => c.oid === oid).map(({ name, type }) => ({ name, type })),
      keyColumns: keys.rows.filter((k) => k.oid === oid).map((k) => k.name),
    })),
    sequences: sequences.rows.map((s) => {
      const table = String(names.get(s.oid))
      return { key: `${table}.${s.column}`, table, column: s.column, sequence: s.sequence }
    }),
  }
}

/** A table name quoted for SQL. */
export function quoteTable(name: string): string {
  return pg.escapeIdentifier(name)
}

/** Which of `tables` hold at least one row. */
export async function tablesWithRows(q: Queryable, tables: string[]): Promise<string[]> {
  const found: string[] = []
  for (const table of tables) {
    const result = await q.query(`SELECT 1 FROM ${quoteTable(table)} LIMIT 1`)
    if (result.rows.length > 0) {
      found.push(table)
    }
  }
  return found
}
