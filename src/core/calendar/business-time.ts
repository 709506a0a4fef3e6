import type { Calendar } from '../../contract/calendar'
import { businessSpans } from './business-spans'
import { compileCalendar, weekdayOf } from './compiled-calendar'
import { DAY_MS } from './time-of-day'
import { offsetSpanAt } from './zone-offsets'

function instantMs(instant: Date, name: string): number {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) {
    throw new RangeError(`${name} is an invalid Date`)
  }
  return ms
}

/**
 * Whether `instant` is business time: its local wall-clock time in the calendar's zone
 * falls within that weekday's hours, on a date that is not a holiday. Interval ends are
 * excluded (18:00 on a 09:00–18:00 day is closed).
 */
export function isBusinessTime(instant: Date, calendar: Calendar): boolean {
  const compiled = compileCalendar(calendar)
  const ms = instantMs(instant, 'instant')
  const local = ms + offsetSpanAt(compiled.zone, ms).offset
  const day = Math.floor(local / DAY_MS)
  if (compiled.holidays.has(day)) {
    return false
  }
  const sinceMidnight = local - day * DAY_MS
  return (compiled.week[weekdayOf(day)] ?? []).some(
    ([open, close]) => open <= sinceMidnight && sinceMidnight < close,
  )
}

/**
 * Business time within [a, b), in milliseconds (an integer for Dates, which carry whole
 * ms); 0 when b ≤ a. Walks day by day at most, so a span of years stays fast.
 */
export function businessMsBetween(a: Date, b: Date, calendar: Calendar): number {
  const from = instantMs(a, 'a')
  const until = instantMs(b, 'b')
  let total = 0
  for (const [start, end] of businessSpans(compileCalendar(calendar), from, until)) {
    total += end - start
  }
  return total
}

/**
 * The instant at which `minutes` of business time have elapsed since `start`: time outside
 * business hours does not count, so from a closed moment the count begins at the next
 * opening. The result is the earliest such instant, hence a closing time rather than the
 * next opening when the count runs out exactly at a close (Friday 18:00, not Monday 09:00).
 * `minutes` may be fractional (rounded to the ms); 0 returns `start` itself.
 *
 * Returns null when that much business time never comes, i.e. for a calendar without any
 * hours (holidays are finite, so any other calendar opens again eventually). Throws a
 * RangeError for negative or non-finite `minutes`.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: Calendar): Date | null {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`)
  }
  const from = instantMs(start, 'start')
  let remaining = Math.round(minutes * 60_000)
  if (remaining === 0) {
    return new Date(from)
  }
  for (const [spanStart, spanEnd] of businessSpans(compileCalendar(calendar), from, Infinity)) {
    const length = spanEnd - spanStart
    if (remaining <= length) {
      return new Date(spanStart + remaining)
    }
    remaining -= length
  }
  return null
}
