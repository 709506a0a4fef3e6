import type { Calendar } from '../contract/calendar'
import type { OrgSettings } from '../contract/settings'
import { loadOrgRules } from '../store/organizations'
import type { OrgScope } from './actor'

/** The organization's player settings, defaults filled in. */
export async function getSettings(scope: OrgScope): Promise<OrgSettings> {
  return (await loadOrgRules(scope.db.pool, scope.orgUid)).settings
}

/** The organization's business calendar (the default one until it sets its own). */
export async function getCalendar(scope: OrgScope): Promise<Calendar> {
  return (await loadOrgRules(scope.db.pool, scope.orgUid)).calendar
}
