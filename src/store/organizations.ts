import { type Calendar, DEFAULT_CALENDAR } from '../contract/calendar'
import { DEFAULT_ORG_SETTINGS, type OrgSettings } from '../contract/settings'
import type { QueueRule } from '../core/routing/route-task'
import type { Queryable } from './database'

/** What every task write of an organization consults: its calendar, settings and queues. */
export interface OrgRules {
  calendar: Calendar
  settings: OrgSettings
  queues: QueueRule[]
}

/** Loads an organization's rules in one round trip. */
export async function loadOrgRules(q: Queryable, orgUid: string): Promise<OrgRules> {
  const result = await q.query<{
    calendar: Calendar | null
    settings: Partial<OrgSettings>
    queues: QueueRule[]
  }>({
    name: 'tessera.loadOrgRules',
    text: `SELECT o.calendar, o.settings,
       coalesce((SELECT json_agg(json_build_object('uid', q.uid, 'position', q.position,
                  'condition', q.condition, 'skills', q.skills, 'sla_policy', q.sla_policy)
                  ORDER BY q.position, q.uid)
                 FROM queues q WHERE q.org_uid = o.uid), '[]') AS queues
     FROM organizations o WHERE o.uid = $1`,
    values: [orgUid],
  })
  const row = result.rows[0]
  return {
    calendar: row?.calendar ?? DEFAULT_CALENDAR,
    settings: { ...DEFAULT_ORG_SETTINGS, ...row?.settings },
    queues: row?.queues ?? [],
  }
}

/** Merges new values into the organization's settings. */
export async function updateOrgSettings(
  q: Queryable,
  orgUid: string,
  settings: Partial<OrgSettings>,
): Promise<OrgSettings> {
  const result = await q.query<{ settings: Partial<OrgSettings> }>(
    'UPDATE organizations SET settings = settings || $2::jsonb WHERE uid = $1 RETURNING settings',
    [orgUid, JSON.stringify(settings)],
  )
  return { ...DEFAULT_ORG_SETTINGS, ...result.rows[0]?.settings }
}

/** Replaces the organization's business calendar. */
export async function updateCalendar(
  q: Queryable,
  orgUid: string,
  calendar: Calendar,
): Promise<Calendar> {
  await q.query('UPDATE organizations SET calendar = $2 WHERE uid = $1', [
    orgUid,
    JSON.stringify(calendar),
  ])
  return calendar
}
