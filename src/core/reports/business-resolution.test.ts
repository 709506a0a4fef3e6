import { describe, expect, it } from 'vitest'
import { officeCalendar, roundTheClock } from '../calendar/test-calendars'
import { businessResolutionByGroup } from './business-resolution'

// 2026-03-02 is a Monday.
const span = (group: string, created: string, done: string) => ({
  group,
  created_at: new Date(created),
  done_at: new Date(done),
})

describe('businessResolutionByGroup', () => {
  it('measures each task in business hours and takes percentiles per group', () => {
    const spans = [
      // Monday 08:00 → 10:00 UTC: one business hour (opens at 09:00).
      span('a', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'),
      // Friday 17:00 → Monday 10:00: 2 business hours over a weekend.
      span('a', '2026-03-06T17:00:00Z', '2026-03-09T10:00:00Z'),
      // Saturday, all closed.
      span('b', '2026-03-07T10:00:00Z', '2026-03-07T12:00:00Z'),
    ]
    const result = businessResolutionByGroup(spans, (s) => s.group, officeCalendar('UTC'))
    expect(result.get('a')).toEqual({ median: 5400, p90: 6840 })
    expect(result.get('b')).toEqual({ median: 0, p90: 0 })
    expect(result.has('c')).toBe(false)
  })

  it('is the wall clock on a calendar that never closes, and 0 for skewed spans', () => {
    const spans = [
      span('a', '2026-03-07T10:00:00Z', '2026-03-07T10:00:01.500Z'),
      span('a', '2026-03-07T10:00:00Z', '2026-03-07T09:00:00Z'),
    ]
    expect(businessResolutionByGroup(spans, (s) => s.group, roundTheClock('UTC')).get('a')).toEqual(
      { median: 0.75, p90: 1.35 },
    )
  })
})
