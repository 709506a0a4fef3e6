import type { CompiledCalendar } from './compiled-calendar'
import { weekdayOf } from './compiled-calendar'
import { DAY_MS } from './time-of-day'
import { offsetSpanAt } from './zone-offsets'

/** A stretch of business time as real instants, in ms since epoch: [start, end). */
export type Span = readonly [start: number, end: number]

/**
 * Yields the business time within [from, until) as chronological, disjoint spans (two may
 * touch, e.g. at a day boundary). Stops early once a gap proves there is no business time
 * ever again, so `until = Infinity` is safe.
 *
 * Business time is the set of instants whose local wall-clock time, in the calendar's
 * zone, falls within an interval of that local date's weekday, the date not being a
 * holiday. So a 00:00–24:00 day lasts 23 or 25 hours when clocks change, an interval in
 * the skipped hour is empty, and one in the repeated hour counts twice.
 *
 * The walk goes by stretches of constant UTC offset: within one, local time is real time
 * plus the offset, so each local day's intervals map to real instants by subtraction.
 * Walking real time (rather than local dates) keeps the spans in order even when clocks
 * go back across midnight and a local date occurs twice.
 */
export function* businessSpans(
  calendar: CompiledCalendar,
  from: number,
  until: number,
): Generator<Span, void, undefined> {
  if (calendar.weeklyMs === 0) {
    return
  }
  let cursor = from
  let lastBusiness = from
  while (cursor < until) {
    const { offset, end } = offsetSpanAt(calendar.zone, cursor)
    const stretchEnd = Math.min(end, until)
    const localFrom = cursor + offset
    const localUntil = stretchEnd + offset
    for (let day = Math.floor(localFrom / DAY_MS); day * DAY_MS < localUntil; day++) {
      const dayStart = day * DAY_MS
      if (dayStart - offset - lastBusiness > calendar.maxGapMs) {
        return
      }
      if (calendar.holidays.has(day)) {
        continue
      }
      for (const [open, close] of calendar.week[weekdayOf(day)] ?? []) {
        const start = Math.max(dayStart + open, localFrom)
        const stop = Math.min(dayStart + close, localUntil)
        if (start < stop) {
          lastBusiness = stop - offset
          yield [start - offset, stop - offset] as Span
        }
      }
    }
    cursor = stretchEnd
  }
}
