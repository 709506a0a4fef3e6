import type { IANAZone } from 'luxon'
import { type Calendar, WEEKDAYS } from '../../contract/calendar'
import { DAY_MS, parseLocalDate, parseTimeOfDay } from './time-of-day'
import { loadZone } from './zone-offsets'

/** A local interval within a day, in ms since local midnight: [start, end). */
export type DayInterval = readonly [start: number, end: number]

/** A calendar turned into numbers, ready for the arithmetic of business time. */
export interface CompiledCalendar {
  zone: IANAZone
  /** Indexed by JavaScript weekday (0 = Sunday): sorted, disjoint intervals. */
  week: readonly (readonly DayInterval[])[]
  /** Holidays as day numbers (days since 1970-01-01, local dates). */
  holidays: ReadonlySet<number>
  /** Business ms in a week without holidays; 0 when the calendar never opens. */
  weeklyMs: number
  /**
   * A safety net against endless walks: a span longer than this without business time
   * means there is none ever again. Every week has an open weekday, so only holidays (at
   * most one per week each) or an interval lost in a skipped DST hour (at most a couple of
   * weeks a year) can close a week; twice that many weeks, plus three, is a safe bound.
   */
  maxGapMs: number
}

// WEEKDAYS is Monday first; JavaScript's getUTCDay counts from Sunday.
const JS_WEEKDAY: Record<(typeof WEEKDAYS)[number], number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
}

/** The JavaScript weekday (0 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7
}

/** Parses, sorts and merges a day's intervals, skipping malformed ones (validation reports them). */
function compileDay(intervals: readonly { start: string; end: string }[]): DayInterval[] {
  const parsed: [number, number][] = []
  for (const interval of intervals) {
    const start = parseTimeOfDay(interval.start)
    const end = parseTimeOfDay(interval.end, true)
    if (start !== null && end !== null && end > start) {
      parsed.push([start * 60_000, end * 60_000])
    }
  }
  parsed.sort((x, y) => x[0] - y[0])
  const merged: [number, number][] = []
  for (const [start, end] of parsed) {
    const last = merged.at(-1)
    if (last !== undefined && start <= last[1]) {
      last[1] = Math.max(last[1], end)
    } else {
      merged.push([start, end])
    }
  }
  return merged
}

function compile(calendar: Calendar): CompiledCalendar {
  const week: DayInterval[][] = [[], [], [], [], [], [], []]
  let weeklyMs = 0
  for (const day of WEEKDAYS) {
    const intervals = compileDay(calendar.weekly_hours[day])
    week[JS_WEEKDAY[day]] = intervals
    for (const [start, end] of intervals) {
      weeklyMs += end - start
    }
  }
  const holidays = new Set<number>()
  for (const holiday of calendar.holidays) {
    const dayNumber = parseLocalDate(holiday)
    if (dayNumber !== null) {
      holidays.add(dayNumber)
    }
  }
  return {
    zone: loadZone(calendar.time_zone),
    week,
    holidays,
    weeklyMs,
    maxGapMs: 14 * (holidays.size + 3) * DAY_MS,
  }
}

// Metrics for a page of tasks share one calendar object; compile it once. Calendars are
// treated as immutable values: mutating one after use would leave a stale entry here.
const compiled = new WeakMap<Calendar, CompiledCalendar>()

/**
 * Compiles a calendar (memoized per object). Throws a RangeError for an unknown time zone;
 * other defects are skipped, so run `validateCalendar` on any input first.
 */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  let entry = compiled.get(calendar)
  if (entry === undefined) {
    entry = compile(calendar)
    compiled.set(calendar, entry)
  }
  return entry
}
