import type { BusinessInterval, Calendar, Weekday } from '../../contract/calendar'

/** Builds a calendar for tests: the given hours per weekday, all other days closed. */
export function makeCalendar(
  time_zone: string,
  hours: Partial<Record<Weekday, BusinessInterval[]>>,
  holidays: string[] = [],
): Calendar {
  return {
    time_zone,
    weekly_hours: {
      mon: hours.mon ?? [],
      tue: hours.tue ?? [],
      wed: hours.wed ?? [],
      thu: hours.thu ?? [],
      fri: hours.fri ?? [],
      sat: hours.sat ?? [],
      sun: hours.sun ?? [],
    },
    holidays,
  }
}

const nineToSix = (): BusinessInterval[] => [{ start: '09:00', end: '18:00' }]

/** Monday to Friday, 09:00–18:00 local time, in `zone`: the usual office. */
export function officeCalendar(zone: string, holidays: string[] = []): Calendar {
  return makeCalendar(
    zone,
    { mon: nineToSix(), tue: nineToSix(), wed: nineToSix(), thu: nineToSix(), fri: nineToSix() },
    holidays,
  )
}

/** Open every day from 00:00 to 24:00 in `zone`: business time is all local time. */
export function roundTheClock(zone: string): Calendar {
  const day = (): BusinessInterval[] => [{ start: '00:00', end: '24:00' }]
  return makeCalendar(zone, {
    mon: day(),
    tue: day(),
    wed: day(),
    thu: day(),
    fri: day(),
    sat: day(),
    sun: day(),
  })
}
