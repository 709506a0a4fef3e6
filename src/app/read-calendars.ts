import { calendarNotFound } from '../contract/errors'
import { type CalendarRecord, findCalendar, listCalendars as listAll } from '../store/calendars'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** The organization's named calendars, by name. */
export function listCalendars(scope: OrgScope): Promise<CalendarRecord[]> {
  return listAll(scope.db.pool, scope.orgUid)
}

/** One named calendar (404 when the organization has none with this uid). */
export async function getCalendar(scope: OrgScope, uid: string): Promise<CalendarRecord> {
  return foundOr(await findCalendar(scope.db.pool, scope.orgUid, uid), calendarNotFound)
}
