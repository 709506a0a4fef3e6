import pg from 'pg'
import type { Queryable } from './database'

/**
 * A column that holds sealed secrets (src/core/secrets), NULL where a row has none. The
 * start-up check, `tessera keys rotate` and restore's key check go through every column listed
 * here: a new kind of sealed secret is added to this list, nothing else.
 */
export interface SealedColumn {
  table: string
  column: string
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'webhooks', column: 'secret_sealed' },
  { table: 'sso_settings', column: 'client_secret_sealed' },
  { table: 'notification_channels', column: 'secret_sealed' },
]

const where = ({ table, column }: SealedColumn) =>
  `${pg.escapeIdentifier(table)} WHERE ${pg.escapeIdentifier(column)} IS NOT NULL`

/** The key id field of a sealed value, `v1.<kid>.…`, in SQL. */
const kidOf = (column: string) => `split_part(${pg.escapeIdentifier(column)}, '.', 2)`

/** One sealed value per key id found in each column: enough to tell a ring that opens them all. */
export async function sealedSamples(
  q: Queryable,
): Promise<{ column: SealedColumn; kid: string; sealed: string }[]> {
  const samples: { column: SealedColumn; kid: string; sealed: string }[] = []
  for (const column of SEALED_COLUMNS) {
    const result = await q.query<{ kid: string; sealed: string }>(
      `SELECT DISTINCT ON (${kidOf(column.column)}) ${kidOf(column.column)} AS kid,
         ${pg.escapeIdentifier(column.column)} AS sealed
       FROM ${where(column)}
       ORDER BY ${kidOf(column.column)}`,
    )
    samples.push(...result.rows.map((row) => ({ column, ...row })))
  }
  return samples
}

/** How many values of a column are sealed with another key than `kid`. */
export async function countSealedWithOtherKeys(
  q: Queryable,
  column: SealedColumn,
  kid: string,
): Promise<number> {
  const result = await q.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${where(column)} AND ${kidOf(column.column)} <> $1`,
    [kid],
  )
  return Number(result.rows[0]?.n ?? 0)
}

/** Up to `limit` values of a column sealed with another key than `kid`. */
export async function sealedWithOtherKeys(
  q: Queryable,
  column: SealedColumn,
  kid: string,
  limit: number,
): Promise<string[]> {
  const result = await q.query<{ sealed: string }>(
    `SELECT ${pg.escapeIdentifier(column.column)} AS sealed
     FROM ${where(column)} AND ${kidOf(column.column)} <> $1
     LIMIT $2`,
    [kid, limit],
  )
  return result.rows.map((row) => row.sealed)
}

/**
 * Replaces sealed values by others, each matched on its old value (a sealed value is unique:
 * its IV is random). One that changed meanwhile (a webhook's secret rotated) is left alone.
 * Returns how many were replaced.
 */
export async function replaceSealedValues(
  q: Queryable,
  { table, column }: SealedColumn,
  replacements: { from: string; to: string }[],
): Promise<number> {
  const c = pg.escapeIdentifier(column)
  const result = await q.query(
    `UPDATE ${pg.escapeIdentifier(table)} t SET ${c} = r.to_value
     FROM unnest($1::text[], $2::text[]) AS r (from_value, to_value)
     WHERE t.${c} = r.from_value`,
    [replacements.map((r) => r.from), replacements.map((r) => r.to)],
  )
  return result.rowCount ?? 0
}

/** A webhook whose secret is still plain (made before migration 0014). */
export interface PlainWebhookSecret {
  org_uid: string
  uid: string
  secret: string
}

/**
 * Up to `limit` webhooks with a plain secret, locked until the caller's transaction ends. A
 * second server starting at the same time waits for the lock, then skips what the first
 * sealed (the row no longer matches once it is re-read).
 */
export async function lockPlainWebhookSecrets(
  q: Queryable,
  limit: number,
): Promise<PlainWebhookSecret[]> {
  const result = await q.query<PlainWebhookSecret>(
    `SELECT org_uid, uid, secret FROM webhooks WHERE secret IS NOT NULL
     ORDER BY org_uid, uid LIMIT $1 FOR UPDATE`,
    [limit],
  )
  return result.rows
}

/** Stores sealed secrets in place of the plain ones of {@link lockPlainWebhookSecrets}. */
export async function storeSealedWebhookSecrets(
  q: Queryable,
  sealed: { org_uid: string; uid: string; sealed: string }[],
): Promise<void> {
  await q.query(
    `UPDATE webhooks w SET secret_sealed = s.sealed, secret = NULL
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS s (org_uid, uid, sealed)
     WHERE w.org_uid = s.org_uid AND w.uid = s.uid AND w.secret IS NOT NULL`,
    [sealed.map((s) => s.org_uid), sealed.map((s) => s.uid), sealed.map((s) => s.sealed)],
  )
}
