import type { Calendar } from '../contract/calendar'
import type { Queryable } from './database'

/** A named business calendar as stored, with the queues whose SLA policy names it. */
export interface CalendarRecord {
  uid: string
  name: string
  calendar: Calendar
  queue_uids: string[]
  created_at: Date
  updated_at: Date
}

const CALENDAR_COLUMNS = `c.uid, c.name, c.calendar, c.created_at, c.updated_at,
  coalesce((SELECT array_agg(q.uid ORDER BY q.position, q.uid) FROM queues q
            WHERE q.org_uid = c.org_uid AND q.sla_policy->>'calendar_uid' = c.uid::text),
           '{}') AS queue_uids`

/** The organization's named calendars, by name. */
export async function listCalendars(q: Queryable, orgUid: string): Promise<CalendarRecord[]> {
  const result = await q.query<CalendarRecord>(
    `SELECT ${CALENDAR_COLUMNS} FROM calendars c WHERE c.org_uid = $1 ORDER BY lower(c.name), c.uid`,
    [orgUid],
  )
  return result.rows
}

/** One named calendar, or null; `lock` holds it until the transaction ends. */
export async function findCalendar(
  q: Queryable,
  orgUid: string,
  uid: string,
  lock = false,
): Promise<CalendarRecord | null> {
  const result = await q.query<CalendarRecord>(
    `SELECT ${CALENDAR_COLUMNS} FROM calendars c WHERE c.org_uid = $1 AND c.uid = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Creates a named calendar; null when the name is taken. */
export async function insertCalendar(
  q: Queryable,
  orgUid: string,
  input: { name: string; calendar: Calendar },
): Promise<CalendarRecord | null> {
  const result = await q.query<CalendarRecord>(
    `WITH c AS (
       INSERT INTO calendars (org_uid, name, calendar) VALUES ($1, $2, $3)
       ON CONFLICT (org_uid, lower(name)) DO NOTHING
       RETURNING *
     )
     SELECT c.uid, c.name, c.calendar, c.created_at, c.updated_at, '{}'::uuid[] AS queue_uids
     FROM c`,
    [orgUid, input.name, JSON.stringify(input.calendar)],
  )
  return result.rows[0] ?? null
}

/**
 * Changes a named calendar. Returns null when it does not exist, `'name_taken'` when another
 * calendar has the name.
 */
export async function updateCalendarRecord(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: { name: string; calendar: Calendar },
): Promise<CalendarRecord | 'name_taken' | null> {
  const taken = await q.query(
    'SELECT 1 FROM calendars WHERE org_uid = $1 AND lower(name) = lower($2) AND uid <> $3',
    [orgUid, input.name, uid],
  )
  if ((taken.rowCount ?? 0) > 0) {
    return 'name_taken'
  }
  await q.query(
    `UPDATE calendars SET name = $3, calendar = $4, updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid, input.name, JSON.stringify(input.calendar)],
  )
  return findCalendar(q, orgUid, uid)
}

/** Deletes a named calendar. */
export async function deleteCalendarRecord(q: Queryable, orgUid: string, uid: string) {
  await q.query('DELETE FROM calendars WHERE org_uid = $1 AND uid = $2', [orgUid, uid])
}

/** The names of the queues whose SLA policy names the calendar `uid`. */
export async function queuesUsingCalendar(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<string[]> {
  const result = await q.query<{ name: string }>(
    `SELECT name FROM queues WHERE org_uid = $1 AND sla_policy->>'calendar_uid' = $2
     ORDER BY position, uid`,
    [orgUid, uid],
  )
  return result.rows.map((row) => row.name)
}
