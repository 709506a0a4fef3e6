import type { Calendar } from '../../contract/calendar'
import { businessMsBetween } from '../calendar/business-time'
import { percentileCont, roundSeconds } from './percentiles'

/** A completed task's life, as a report needs it to measure business resolution time. */
export interface CompletedSpan {
  created_at: Date
  done_at: Date
}

/** Median and 90th percentile of one group's business resolution times, in seconds. */
export interface BusinessResolution {
  median: number | null
  p90: number | null
}

/**
 * Median and p90 of the business resolution time (creation to completion counted in the
 * calendar's business hours) of each group of completed tasks, keyed as `keyOf` says.
 * Business time depends on the calendar's hours, holidays and zone, which SQL does not know:
 * each task is measured here, through the same function as a task's own metrics, and the
 * percentiles interpolate as `percentile_cont` does. A completion before its creation
 * (clock skew in imported data) counts as 0, as in a task's metrics.
 */
export function businessResolutionByGroup<T extends CompletedSpan>(
  spans: readonly T[],
  keyOf: (span: T) => string,
  calendar: Calendar,
): Map<string, BusinessResolution> {
  const seconds = new Map<string, number[]>()
  for (const span of spans) {
    const key = keyOf(span)
    const ms = businessMsBetween(span.created_at, span.done_at, calendar)
    const list = seconds.get(key)
    if (list) {
      list.push(ms / 1000)
    } else {
      seconds.set(key, [ms / 1000])
    }
  }
  const result = new Map<string, BusinessResolution>()
  for (const [key, values] of seconds) {
    values.sort((a, b) => a - b)
    result.set(key, {
      median: roundSeconds(percentileCont(values, 0.5)),
      p90: roundSeconds(percentileCont(values, 0.9)),
    })
  }
  return result
}
