import type { NamedCalendar } from '../contract/calendars'
import type { CalendarRecord } from '../store/calendars'

/** A named calendar as the API shows it. */
export function presentCalendar(record: CalendarRecord): NamedCalendar {
  return {
    ...record,
    created_at: record.created_at.toISOString(),
    updated_at: record.updated_at.toISOString(),
  }
}
