import type { Weekday } from './calendar-api'

/** The calendar's weekday keys, Monday first, with their names on screen. */
export const WEEKDAYS: readonly { key: Weekday; name: string }[] = [
  { key: 'mon', name: 'Monday' },
  { key: 'tue', name: 'Tuesday' },
  { key: 'wed', name: 'Wednesday' },
  { key: 'thu', name: 'Thursday' },
  { key: 'fri', name: 'Friday' },
  { key: 'sat', name: 'Saturday' },
  { key: 'sun', name: 'Sunday' },
]

/** Most intervals the API accepts per day. */
export const MAX_DAY_INTERVALS = 4
