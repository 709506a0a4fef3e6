import { describe, expect, it } from 'vitest'
import { businessSpans } from './business-spans'
import { addBusinessMinutes, businessMsBetween, isBusinessTime } from './business-time'
import { compileCalendar } from './compiled-calendar'
import { makeCalendar, officeCalendar, roundTheClock } from './test-calendars'

const HOUR = 3_600_000
const at = (iso: string) => new Date(iso)

// Europe/Paris 2025: clocks go 02:00 → 03:00 on Sunday 30 March (at 01:00Z) and
// 03:00 → 02:00 on Sunday 26 October (at 01:00Z).
describe('Europe/Paris across DST changes', () => {
  const office = officeCalendar('Europe/Paris')

  it('keeps office hours on local wall-clock time', () => {
    // Monday 09:00 is 08:00Z before the change and 07:00Z after it.
    expect(isBusinessTime(at('2025-03-28T08:00:00Z'), office)).toBe(true)
    expect(isBusinessTime(at('2025-03-31T07:00:00Z'), office)).toBe(true)
    expect(isBusinessTime(at('2025-03-31T06:59:59Z'), office)).toBe(false)
    expect(isBusinessTime(at('2025-10-27T08:00:00Z'), office)).toBe(true)
    expect(isBusinessTime(at('2025-10-27T07:59:59Z'), office)).toBe(false)
  })

  it('carries Friday 17:00 + 2 business hours to Monday 10:00 local, spring and fall', () => {
    expect(addBusinessMinutes(at('2025-03-28T16:00:00Z'), 120, office)).toEqual(
      at('2025-03-31T08:00:00Z'),
    )
    expect(addBusinessMinutes(at('2025-10-24T15:00:00Z'), 120, office)).toEqual(
      at('2025-10-27T09:00:00Z'),
    )
  })

  it('counts full office weeks around each change', () => {
    // From Monday 09:00 local to the next Monday 09:00 local: five days of nine hours.
    expect(businessMsBetween(at('2025-03-24T08:00:00Z'), at('2025-03-31T07:00:00Z'), office)).toBe(
      45 * HOUR,
    )
    expect(businessMsBetween(at('2025-10-20T07:00:00Z'), at('2025-10-27T08:00:00Z'), office)).toBe(
      45 * HOUR,
    )
  })

  it('gives a 00:00–24:00 day 23 hours in spring and 25 in fall', () => {
    const always = roundTheClock('Europe/Paris')
    expect(businessMsBetween(at('2025-03-29T23:00:00Z'), at('2025-03-30T22:00:00Z'), always)).toBe(
      23 * HOUR,
    )
    expect(businessMsBetween(at('2025-10-25T22:00:00Z'), at('2025-10-26T23:00:00Z'), always)).toBe(
      25 * HOUR,
    )
    // Round the clock, business time is simply real time.
    expect(addBusinessMinutes(at('2025-03-29T23:00:00Z'), 24 * 60, always)).toEqual(
      at('2025-03-30T23:00:00Z'),
    )
  })

  it('counts a night shift through the skipped and the repeated hour as lived', () => {
    const night = makeCalendar('Europe/Paris', { sun: [{ start: '01:00', end: '04:00' }] })
    const spring = businessMsBetween(at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'), night)
    expect(spring).toBe(2 * HOUR)
    const fall = businessMsBetween(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), night)
    expect(fall).toBe(4 * HOUR)
    // 01:30 CET, then 03:30 CEST; 02:30 does not exist that night.
    expect(isBusinessTime(at('2025-03-30T00:30:00Z'), night)).toBe(true)
    expect(isBusinessTime(at('2025-03-30T01:30:00Z'), night)).toBe(true)
  })

  it('gives an interval inside the skipped hour no time, and the repeated hour twice', () => {
    const gap = makeCalendar('Europe/Paris', { sun: [{ start: '02:00', end: '03:00' }] })
    expect(businessMsBetween(at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'), gap)).toBe(0)
    expect(businessMsBetween(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), gap)).toBe(
      2 * HOUR,
    )
    // 02:30–04:00 on the fall night: 02:30–03:00 CEST, then 02:30–04:00 CET.
    const late = makeCalendar('Europe/Paris', { sun: [{ start: '02:30', end: '04:00' }] })
    expect(businessMsBetween(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), late)).toBe(
      2 * HOUR,
    )
  })
})

// America/New_York 2025: 02:00 → 03:00 on Sunday 9 March (07:00Z), 02:00 → 01:00 on
// Sunday 2 November (06:00Z).
describe('America/New_York across DST changes', () => {
  const office = officeCalendar('America/New_York')

  it('carries Friday 17:00 + 2 business hours to Monday 10:00 local, spring and fall', () => {
    expect(addBusinessMinutes(at('2025-03-07T22:00:00Z'), 120, office)).toEqual(
      at('2025-03-10T14:00:00Z'),
    )
    expect(addBusinessMinutes(at('2025-10-31T21:00:00Z'), 120, office)).toEqual(
      at('2025-11-03T15:00:00Z'),
    )
  })

  it('counts a Friday-to-Monday span over the change by business hours, not wall hours', () => {
    // Friday 12:00 EST to Monday 12:00 EDT: 6 + 3 business hours, 71 real hours.
    const from = at('2025-03-07T17:00:00Z')
    const to = at('2025-03-10T16:00:00Z')
    expect(to.getTime() - from.getTime()).toBe(71 * HOUR)
    expect(businessMsBetween(from, to, office)).toBe(9 * HOUR)
  })

  it('gives a 00:00–24:00 day 23 hours in spring and 25 in fall', () => {
    const always = roundTheClock('America/New_York')
    expect(businessMsBetween(at('2025-03-09T05:00:00Z'), at('2025-03-10T04:00:00Z'), always)).toBe(
      23 * HOUR,
    )
    expect(businessMsBetween(at('2025-11-02T04:00:00Z'), at('2025-11-03T05:00:00Z'), always)).toBe(
      25 * HOUR,
    )
  })
})

// America/Sao_Paulo: on 17 February 2019 clocks went back from 00:00 to 23:00 on the 16th,
// so the local date 2019-02-16 occurred in two separate stretches of real time.
describe('a clock change at midnight', () => {
  it('gives the doubled local day 25 hours and keeps spans in time order', () => {
    const always = roundTheClock('America/Sao_Paulo')
    const from = at('2019-02-16T02:00:00Z')
    const to = at('2019-02-17T03:00:00Z')
    expect(businessMsBetween(from, to, always)).toBe(25 * HOUR)
    const lateEvening = makeCalendar('America/Sao_Paulo', {
      sat: [{ start: '23:00', end: '24:00' }],
    })
    const spans = [...businessSpans(compileCalendar(lateEvening), from.getTime(), to.getTime())]
    expect(spans).toEqual([
      [Date.parse('2019-02-17T01:00:00Z'), Date.parse('2019-02-17T02:00:00Z')],
      [Date.parse('2019-02-17T02:00:00Z'), Date.parse('2019-02-17T03:00:00Z')],
    ])
  })
})
