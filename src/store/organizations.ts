import { type Calendar, DEFAULT_CALENDAR } from '../contract/calendar'
import type { Sort } from '../contract/conditions'
import { DEFAULT_ORG_SETTINGS, type OrgSettings } from '../contract/settings'
import type { QueueRule } from '../core/routing/route-task'
import type { Queryable } from './database'

/** The column `queues` of {@link OrgRulesRow}, for the organization aliased `o`. */
export const ORG_QUEUES_COLUMN = `coalesce((SELECT json_agg(json_build_object('uid', q.uid, 'position', q.position,
             'condition', q.condition, 'skills', q.skills, 'sla_policy', q.sla_policy,
             'priority', q.priority,
             'sla_calendar', (SELECT c.calendar FROM calendars c
                              WHERE c.org_uid = q.org_uid
                                AND c.uid::text = q.sla_policy->>'calendar_uid'))
             ORDER BY q.position, q.uid)
            FROM queues q WHERE q.org_uid = o.uid), '[]') AS queues`

/** The columns of {@link OrgRulesRow} for the organization aliased `o`. */
export const ORG_RULES_COLUMNS = `o.calendar, o.settings, ${ORG_QUEUES_COLUMN}`

/** A row that selected {@link ORG_RULES_COLUMNS}. */
export interface OrgRulesRow {
  calendar: Calendar | null
  settings: Partial<OrgSettings>
  queues: OrgQueue[]
}

/** A queue as the organization's rules carry it: routing, skills and dispatch order. */
export interface OrgQueue extends QueueRule {
  priority: Sort[] | null
}

/** What every task write of an organization consults: its calendar, settings and queues. */
export interface OrgRules {
  calendar: Calendar
  settings: OrgSettings
  queues: OrgQueue[]
}

/** The rules of a row that selected {@link ORG_RULES_COLUMNS}, defaults filled in. */
export function toOrgRules(row: Partial<OrgRulesRow> | undefined): OrgRules {
  return {
    calendar: row?.calendar ?? DEFAULT_CALENDAR,
    settings: { ...DEFAULT_ORG_SETTINGS, ...row?.settings },
    queues: row?.queues ?? [],
  }
}

/** Loads an organization's rules in one round trip. */
export async function loadOrgRules(q: Queryable, orgUid: string): Promise<OrgRules> {
  const result = await q.query<OrgRulesRow>({
    name: 'tessera.loadOrgRules',
    text: `SELECT ${ORG_RULES_COLUMNS} FROM organizations o WHERE o.uid = $1`,
    values: [orgUid],
  })
  return toOrgRules(result.rows[0])
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
