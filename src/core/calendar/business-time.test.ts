import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR } from '../../contract/calendar'
import { addBusinessMinutes, businessMsBetween, isBusinessTime } from './business-time'
import { makeCalendar, officeCalendar } from './test-calendars'

const HOUR = 3_600_000
const at = (iso: string) => new Date(iso)

describe('isBusinessTime', () => {
  it('is true within hours and false at the closing minute', () => {
    expect(isBusinessTime(at('2025-09-12T09:00:00Z'), DEFAULT_CALENDAR)).toBe(true)
    expect(isBusinessTime(at('2025-09-12T17:59:59.999Z'), DEFAULT_CALENDAR)).toBe(true)
    expect(isBusinessTime(at('2025-09-12T18:00:00Z'), DEFAULT_CALENDAR)).toBe(false)
    expect(isBusinessTime(at('2025-09-12T08:59:59.999Z'), DEFAULT_CALENDAR)).toBe(false)
  })

  it('is false on weekends and holidays', () => {
    expect(isBusinessTime(at('2025-09-13T12:00:00Z'), DEFAULT_CALENDAR)).toBe(false)
    const calendar = officeCalendar('UTC', ['2025-09-12'])
    expect(isBusinessTime(at('2025-09-12T12:00:00Z'), calendar)).toBe(false)
  })

  it('reads hours and holidays in the calendar’s zone', () => {
    // 23:30 UTC on Thursday is 08:30 Friday in Tokyo, 01:30 Friday in Paris.
    const tokyo = makeCalendar('Asia/Tokyo', { fri: [{ start: '08:00', end: '09:00' }] })
    expect(isBusinessTime(at('2025-09-11T23:30:00Z'), tokyo)).toBe(true)
    const tokyoHoliday = { ...tokyo, holidays: ['2025-09-12'] }
    expect(isBusinessTime(at('2025-09-11T23:30:00Z'), tokyoHoliday)).toBe(false)
  })

  it('rejects an invalid Date', () => {
    expect(() => isBusinessTime(new Date(Number.NaN), DEFAULT_CALENDAR)).toThrow(RangeError)
  })
})

describe('businessMsBetween', () => {
  it('is 0 for empty or reversed spans', () => {
    const t = at('2025-09-12T10:00:00Z')
    expect(businessMsBetween(t, t, DEFAULT_CALENDAR)).toBe(0)
    expect(businessMsBetween(t, at('2025-09-12T09:00:00Z'), DEFAULT_CALENDAR)).toBe(0)
  })

  it('counts only the hours inside the span, to the ms', () => {
    const ms = businessMsBetween(
      at('2025-09-12T08:00:00Z'),
      at('2025-09-12T09:00:01.250Z'),
      DEFAULT_CALENDAR,
    )
    expect(ms).toBe(1250)
  })

  it('counts a Friday evening to Monday morning span as Monday’s part only', () => {
    const ms = businessMsBetween(
      at('2025-09-12T19:00:00Z'),
      at('2025-09-15T10:00:00Z'),
      DEFAULT_CALENDAR,
    )
    expect(ms).toBe(HOUR)
  })

  it('skips a holiday in the middle of the week', () => {
    // 1 May 2025 is a Thursday.
    const calendar = officeCalendar('Europe/Paris', ['2025-05-01'])
    const from = at('2025-04-30T00:00:00Z')
    const to = at('2025-05-03T00:00:00Z')
    expect(businessMsBetween(from, to, calendar)).toBe(18 * HOUR)
    expect(businessMsBetween(from, to, officeCalendar('Europe/Paris'))).toBe(27 * HOUR)
  })

  it('spans weeks', () => {
    // Monday 1 Sept to Monday 29 Sept 2025: four whole weeks.
    const ms = businessMsBetween(
      at('2025-09-01T00:00:00Z'),
      at('2025-09-29T00:00:00Z'),
      DEFAULT_CALENDAR,
    )
    expect(ms).toBe(4 * 5 * 9 * HOUR)
  })

  it('counts a whole year quickly', () => {
    const started = performance.now()
    const utc = businessMsBetween(
      at('2025-01-01T00:00:00Z'),
      at('2026-01-01T00:00:00Z'),
      DEFAULT_CALENDAR,
    )
    // 2025 has 261 weekdays.
    expect(utc).toBe(261 * 9 * HOUR)
    const paris = officeCalendar('Europe/Paris', ['2025-01-01', '2025-12-25'])
    const local = businessMsBetween(at('2024-12-31T23:00:00Z'), at('2025-12-31T23:00:00Z'), paris)
    expect(local).toBe(259 * 9 * HOUR)
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('handles intervals ending at 24:00 and running on past midnight', () => {
    const calendar = makeCalendar('UTC', {
      sat: [{ start: '18:00', end: '24:00' }],
      sun: [{ start: '00:00', end: '06:00' }],
    })
    expect(isBusinessTime(at('2025-09-13T23:59:59.999Z'), calendar)).toBe(true)
    expect(isBusinessTime(at('2025-09-14T00:00:00Z'), calendar)).toBe(true)
    const ms = businessMsBetween(at('2025-09-13T00:00:00Z'), at('2025-09-15T00:00:00Z'), calendar)
    expect(ms).toBe(12 * HOUR)
  })

  it('is 0 for a calendar without hours', () => {
    const closed = makeCalendar('UTC', {})
    expect(businessMsBetween(at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'), closed)).toBe(
      0,
    )
  })
})

describe('addBusinessMinutes', () => {
  it('adds within the same day', () => {
    const due = addBusinessMinutes(at('2025-09-12T10:00:00Z'), 90, DEFAULT_CALENDAR)
    expect(due).toEqual(at('2025-09-12T11:30:00Z'))
  })

  it('carries a task created Friday evening over to Monday', () => {
    const due = addBusinessMinutes(at('2025-09-12T19:00:00Z'), 60, DEFAULT_CALENDAR)
    expect(due).toEqual(at('2025-09-15T10:00:00Z'))
    const late = addBusinessMinutes(at('2025-09-12T17:00:00Z'), 120, DEFAULT_CALENDAR)
    expect(late).toEqual(at('2025-09-15T10:00:00Z'))
  })

  it('stops at a closing time when the minutes run out exactly there', () => {
    const due = addBusinessMinutes(at('2025-09-12T09:00:00Z'), 540, DEFAULT_CALENDAR)
    expect(due).toEqual(at('2025-09-12T18:00:00Z'))
  })

  it('returns the start itself for 0 minutes, even when closed', () => {
    const sunday = at('2025-09-14T12:00:00Z')
    expect(addBusinessMinutes(sunday, 0, DEFAULT_CALENDAR)).toEqual(sunday)
  })

  it('accepts fractional minutes, to the ms', () => {
    const due = addBusinessMinutes(at('2025-09-14T12:00:00Z'), 0.5, DEFAULT_CALENDAR)
    expect(due).toEqual(at('2025-09-15T09:00:30Z'))
  })

  it('jumps a holiday in the middle of the week', () => {
    // Wednesday 30 April 2025, 17:00 in Paris; Thursday is 1 May.
    const calendar = officeCalendar('Europe/Paris', ['2025-05-01'])
    const due = addBusinessMinutes(at('2025-04-30T15:00:00Z'), 9 * 60, calendar)
    expect(due).toEqual(at('2025-05-02T15:00:00Z'))
  })

  it('finds the first open day after a thousand holidays', () => {
    const start = Date.UTC(2025, 0, 1)
    const holidays = Array.from({ length: 1000 }, (_, i) =>
      new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    )
    // The last holiday is 2027-09-27, a Monday.
    const due = addBusinessMinutes(at('2025-01-01T00:00:00Z'), 60, officeCalendar('UTC', holidays))
    expect(due).toEqual(at('2027-09-28T10:00:00Z'))
  })

  it('returns null when business time never comes', () => {
    const closed = makeCalendar('UTC', {})
    expect(addBusinessMinutes(at('2025-09-12T10:00:00Z'), 1, closed)).toBeNull()
  })

  it('skips a thousand holidays that each close a whole week', () => {
    // Open on Mondays only, and the next thousand Mondays (about 19 years) are holidays.
    const first = Date.UTC(2025, 8, 15)
    const mondays = Array.from({ length: 1000 }, (_, i) =>
      new Date(first + i * 7 * 86_400_000).toISOString().slice(0, 10),
    )
    const calendar = makeCalendar(
      'Europe/Paris',
      { mon: [{ start: '09:00', end: '10:00' }] },
      mondays,
    )
    const due = addBusinessMinutes(at('2025-09-12T10:00:00Z'), 60, calendar)
    // The first open hour is Monday 2044-11-14, 09:00–10:00 CET.
    expect(due).toEqual(at('2044-11-14T09:00:00Z'))
  })

  it('rejects negative or non-finite minutes', () => {
    const t = at('2025-09-12T10:00:00Z')
    expect(() => addBusinessMinutes(t, -1, DEFAULT_CALENDAR)).toThrow(RangeError)
    expect(() => addBusinessMinutes(t, Number.NaN, DEFAULT_CALENDAR)).toThrow(RangeError)
    expect(() => addBusinessMinutes(t, Infinity, DEFAULT_CALENDAR)).toThrow(RangeError)
  })

  it('reaches a year of SLA minutes quickly', () => {
    const started = performance.now()
    const due = addBusinessMinutes(
      at('2025-01-01T00:00:00Z'),
      525_600,
      officeCalendar('Europe/Paris'),
    )
    expect(due).not.toBeNull()
    expect(
      businessMsBetween(
        at('2025-01-01T00:00:00Z'),
        due ?? new Date(0),
        officeCalendar('Europe/Paris'),
      ),
    ).toBe(525_600 * 60_000)
    expect(performance.now() - started).toBeLessThan(500)
  })
})
