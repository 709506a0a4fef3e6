import { IANAZone } from 'luxon'
import { type Calendar, MAX_DAY_INTERVALS, MAX_HOLIDAYS, WEEKDAYS } from '../../contract/calendar'
import type { FieldError } from '../../contract/errors'
import { parseLocalDate, parseTimeOfDay } from './time-of-day'

function validateDay(
  intervals: readonly { start: string; end: string }[],
  path: string,
  errors: FieldError[],
): void {
  if (intervals.length > MAX_DAY_INTERVALS) {
    errors.push({ path, message: `at most ${MAX_DAY_INTERVALS} intervals per day` })
  }
  const valid: { index: number; start: number; end: number }[] = []
  intervals.forEach((interval, index) => {
    const start = parseTimeOfDay(interval.start)
    const end = parseTimeOfDay(interval.end, true)
    if (start === null) {
      errors.push({ path: `${path}/${index}/start`, message: 'must be "HH:MM", 00:00 to 23:59' })
    }
    if (end === null) {
      errors.push({ path: `${path}/${index}/end`, message: 'must be "HH:MM", up to 24:00' })
    }
    if (start === null || end === null) {
      return
    }
    if (end <= start) {
      errors.push({ path: `${path}/${index}/end`, message: 'must be after start' })
      return
    }
    // Any order is accepted, so compare with every earlier interval, not just the previous.
    const clash = valid.find((other) => start < other.end && other.start < end)
    if (clash !== undefined) {
      errors.push({ path: `${path}/${index}`, message: `overlaps interval ${clash.index}` })
      return
    }
    valid.push({ index, start, end })
  })
}

function validateHolidays(holidays: readonly string[], path: string, errors: FieldError[]): void {
  if (holidays.length > MAX_HOLIDAYS) {
    errors.push({ path, message: `at most ${MAX_HOLIDAYS} holidays` })
  }
  const seen = new Set<number>()
  holidays.forEach((holiday, index) => {
    const day = parseLocalDate(holiday)
    if (day === null) {
      errors.push({ path: `${path}/${index}`, message: 'must be a real date, "YYYY-MM-DD"' })
    } else if (seen.has(day)) {
      errors.push({ path: `${path}/${index}`, message: 'duplicate holiday' })
    } else {
      seen.add(day)
    }
  })
}

/**
 * Every defect of a calendar that its JSON Schema cannot catch (an unknown time zone, a
 * nonexistent date, overlapping or reversed intervals), plus the format rules again so
 * core never trusts unvalidated input. Paths are JSON pointers under `prefix`, e.g.
 * `/body/weekly_hours/mon/0/end`. Empty when the calendar is valid. A calendar with no
 * hours at all is valid: business time then never elapses.
 */
export function validateCalendar(calendar: Calendar, prefix = ''): FieldError[] {
  const errors: FieldError[] = []
  if (!IANAZone.isValidZone(calendar.time_zone)) {
    errors.push({ path: `${prefix}/time_zone`, message: 'unknown IANA time zone' })
  }
  for (const day of WEEKDAYS) {
    validateDay(calendar.weekly_hours[day], `${prefix}/weekly_hours/${day}`, errors)
  }
  validateHolidays(calendar.holidays, `${prefix}/holidays`, errors)
  return errors
}
