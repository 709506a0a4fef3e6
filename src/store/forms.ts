import type { FormSection } from '../contract/forms'
import type { Queryable } from './database'

/** A form as stored, with the queues completed through it. */
export interface FormRecord {
  uid: string
  name: string
  description: string
  task_type: string | null
  sections: FormSection[]
  queue_uids: string[]
  created_at: Date
  updated_at: Date
}

/** What a form is made of, minus bookkeeping and the queues (set on the queue). */
export type FormInput = Pick<FormRecord, 'name' | 'description' | 'task_type' | 'sections'>

/** Columns of {@link FormRecord} for the form aliased `f`. */
const FORM_COLUMNS = `f.uid, f.name, f.description, f.task_type, f.sections, f.created_at,
  f.updated_at,
  array(SELECT q.uid FROM queues q WHERE q.org_uid = f.org_uid AND q.form_uid = f.uid
        ORDER BY q.position, q.uid) AS queue_uids`

/** The organization's forms, by name. */
export async function listForms(q: Queryable, orgUid: string): Promise<FormRecord[]> {
  const result = await q.query<FormRecord>(
    `SELECT ${FORM_COLUMNS} FROM forms f WHERE f.org_uid = $1 ORDER BY f.name, f.uid`,
    [orgUid],
  )
  return result.rows
}

/** One form of the organization, or null. */
export async function findForm(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<FormRecord | null> {
  const result = await q.query<FormRecord>(
    `SELECT ${FORM_COLUMNS} FROM forms f WHERE f.org_uid = $1 AND f.uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/**
 * Whether the form exists, keeping it so until the transaction ends (`FOR KEY SHARE`, what
 * the queue's foreign key takes): a queue is never pointed at a form being deleted.
 */
export async function holdForm(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query(
    'SELECT 1 FROM forms WHERE org_uid = $1 AND uid = $2 FOR KEY SHARE',
    [orgUid, uid],
  )
  return (result.rowCount ?? 0) > 0
}

/** The names of the organization's forms that ask for the field `key`. */
export async function formsUsingField(
  q: Queryable,
  orgUid: string,
  key: string,
): Promise<string[]> {
  const result = await q.query<{ name: string }>(
    'SELECT name FROM forms WHERE org_uid = $1 AND sections @> $2::jsonb ORDER BY name',
    [orgUid, JSON.stringify([{ items: [{ key }] }])],
  )
  return result.rows.map((row) => row.name)
}

/** How many forms the organization has. */
export async function countForms(q: Queryable, orgUid: string): Promise<number> {
  const result = await q.query<{ count: number }>(
    'SELECT count(*)::integer AS count FROM forms WHERE org_uid = $1',
    [orgUid],
  )
  return result.rows[0]?.count ?? 0
}

/** Whether another form of the organization (not `exceptUid`) has this name. */
export async function formNameTaken(
  q: Queryable,
  orgUid: string,
  name: string,
  exceptUid: string | null,
): Promise<boolean> {
  const result = await q.query(
    'SELECT 1 FROM forms WHERE org_uid = $1 AND name = $2 AND uid IS DISTINCT FROM $3',
    [orgUid, name, exceptUid],
  )
  return (result.rowCount ?? 0) > 0
}

/** Creates a form; null when the name is taken. */
export async function insertForm(
  q: Queryable,
  orgUid: string,
  input: FormInput,
): Promise<FormRecord | null> {
  const result = await q.query<FormRecord>(
    `INSERT INTO forms AS f (org_uid, name, description, task_type, sections)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_uid, name) DO NOTHING
     RETURNING ${FORM_COLUMNS}`,
    [orgUid, input.name, input.description, input.task_type, JSON.stringify(input.sections)],
  )
  return result.rows[0] ?? null
}

/** Replaces a form's attributes; null when it does not exist. */
export async function updateForm(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: FormInput,
): Promise<FormRecord | null> {
  const result = await q.query<FormRecord>(
    `UPDATE forms f SET name = $3, description = $4, task_type = $5, sections = $6,
       updated_at = tessera_now()
     WHERE f.org_uid = $1 AND f.uid = $2
     RETURNING ${FORM_COLUMNS}`,
    [orgUid, uid, input.name, input.description, input.task_type, JSON.stringify(input.sections)],
  )
  return result.rows[0] ?? null
}

/**
 * Deletes a form; false when it does not exist. The queues completed through it are left
 * without a form, in the same statement.
 */
export async function deleteForm(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query(
    `WITH cleared AS (
       UPDATE queues SET form_uid = NULL, updated_at = tessera_now()
       WHERE org_uid = $1 AND form_uid = $2
     )
     DELETE FROM forms WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return (result.rowCount ?? 0) > 0
}
