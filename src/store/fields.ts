import type { FieldOption, FieldType } from '../contract/fields'
import type { DefinedField } from '../core/fields/task-values'
import type { Queryable } from './database'

/** A field definition as stored. */
export interface FieldRecord {
  uid: string
  key: string
  label: string
  type: FieldType
  options: FieldOption[] | null
  currency: string | null
  help_text: string
  required_for_completion: boolean
  shown_in_backlog: boolean
  position: number
  created_at: Date
  updated_at: Date
}

/** What a definition is made of, minus bookkeeping; the key is fixed once created. */
export type FieldInput = Omit<FieldRecord, 'uid' | 'key' | 'created_at' | 'updated_at'>

const FIELD_COLUMNS = `uid, key, label, type, options, currency, help_text, required_for_completion,
  shown_in_backlog, position, created_at, updated_at`

/**
 * Serialises the writes of an organization's definitions and forms, which name them by key:
 * a form cannot be saved naming a key that a concurrent deletion is removing, and the limits
 * are counted exactly.
 */
export async function lockFieldsAndForms(q: Queryable, orgUid: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('fields:' || $1, 0))", [orgUid])
}

/** The organization's definitions, in position order. */
export async function listFields(q: Queryable, orgUid: string): Promise<FieldRecord[]> {
  const result = await q.query<FieldRecord>(
    `SELECT ${FIELD_COLUMNS} FROM field_definitions WHERE org_uid = $1 ORDER BY position, key`,
    [orgUid],
  )
  return result.rows
}

/** One definition of the organization, or null. */
export async function findField(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<FieldRecord | null> {
  const result = await q.query<FieldRecord>(
    `SELECT ${FIELD_COLUMNS} FROM field_definitions WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** What task writes and completion check values against: each definition's key and shape. */
export async function listDefinedFields(q: Queryable, orgUid: string): Promise<DefinedField[]> {
  const result = await q.query<DefinedField>({
    name: 'tessera.listDefinedFields',
    text: `SELECT key, label, type, options, required_for_completion FROM field_definitions
     WHERE org_uid = $1 ORDER BY position, key`,
    values: [orgUid],
  })
  return result.rows
}

/** How many definitions the organization has, and the position after its last. */
export async function countFields(
  q: Queryable,
  orgUid: string,
): Promise<{ count: number; next_position: number }> {
  const result = await q.query<{ count: number; next_position: number }>(
    `SELECT count(*)::integer AS count, coalesce(max(position) + 1, 0) AS next_position
     FROM field_definitions WHERE org_uid = $1`,
    [orgUid],
  )
  return result.rows[0] ?? { count: 0, next_position: 0 }
}

/** Creates a definition; null when the key is taken. */
export async function insertField(
  q: Queryable,
  orgUid: string,
  key: string,
  input: FieldInput,
): Promise<FieldRecord | null> {
  const result = await q.query<FieldRecord>(
    `INSERT INTO field_definitions (org_uid, key, label, type, options, currency, help_text,
       required_for_completion, shown_in_backlog, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_uid, key) DO NOTHING
     RETURNING ${FIELD_COLUMNS}`,
    [orgUid, key, ...inputValues(input)],
  )
  return result.rows[0] ?? null
}

function inputValues(input: FieldInput): unknown[] {
  return [
    input.label,
    input.type,
    input.options ? JSON.stringify(input.options) : null,
    input.currency,
    input.help_text,
    input.required_for_completion,
    input.shown_in_backlog,
    input.position,
  ]
}

/** Replaces a definition's attributes; null when it does not exist. */
export async function updateField(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: FieldInput,
): Promise<FieldRecord | null> {
  const result = await q.query<FieldRecord>(
    `UPDATE field_definitions SET label = $3, type = $4, options = $5, currency = $6,
       help_text = $7, required_for_completion = $8, shown_in_backlog = $9, position = $10,
       updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2
     RETURNING ${FIELD_COLUMNS}`,
    [orgUid, uid, ...inputValues(input)],
  )
  return result.rows[0] ?? null
}

/** Deletes a definition; false when it does not exist. Tasks keep their values. */
export async function deleteField(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query('DELETE FROM field_definitions WHERE org_uid = $1 AND uid = $2', [
    orgUid,
    uid,
  ])
  return (result.rowCount ?? 0) > 0
}
