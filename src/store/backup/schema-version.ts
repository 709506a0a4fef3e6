import type { Queryable } from '../database'
import { listMigrations } from '../migrate'
import { MIGRATIONS_TABLE, quoteTable } from './catalog'

/** The migrations applied to a database, oldest first; empty when it has no schema yet. */
export async function readAppliedMigrations(q: Queryable): Promise<string[]> {
  const table = await q.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    quoteTable(MIGRATIONS_TABLE),
  ])
  if (!table.rows[0]?.exists) {
    return []
  }
  const rows = await q.query<{ name: string }>(
    `SELECT name FROM ${quoteTable(MIGRATIONS_TABLE)} ORDER BY id`,
  )
  return rows.rows.map((row) => row.name)
}

/**
 * The schema version of a database whose migrations are `applied`, or an error in words if
 * this code does not know it: written by a newer Tessera, its backup could not be restored
 * faithfully by this one.
 */
export function knownSchemaVersion(applied: string[], where: string): string {
  const known = listMigrations()
  const unknown = applied.find((name, i) => known[i] !== name)
  if (unknown !== undefined) {
    throw new Error(
      `${where} has migration ${unknown} applied, which this version of Tessera does not know (it knows up to ${known.at(-1)}): use the newer Tessera that migrated it.`,
    )
  }
  const last = applied.at(-1)
  if (last === undefined) {
    throw new Error(`${where} holds no Tessera database (no migrations were ever applied).`)
  }
  return last
}
