import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { type BusinessInterval, type Calendar, WEEKDAYS } from '../../contract/calendar'
import { addBusinessMinutes, businessMsBetween, isBusinessTime } from './business-time'
import { validateCalendar } from './validate-calendar'

const MINUTE = 60_000
const QUARTER = 15 * MINUTE
const FROM = Date.parse('2010-01-01T00:00:00Z')
const TO = Date.parse('2030-01-01T00:00:00Z')

// Zones with DST, half-hour DST (Lord Howe), odd offsets (Kathmandu), a DST change at
// midnight (Sao Paulo, Santiago) and a skipped day (Apia, December 2011).
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'America/Santiago',
  'Pacific/Apia',
]

/** Days with a clock change, per zone (UTC dates). */
const CHANGES: [string, string][] = [
  ['Europe/Paris', '2025-03-30'],
  ['Europe/Paris', '2025-10-26'],
  ['America/New_York', '2025-03-09'],
  ['America/New_York', '2025-11-02'],
  ['Australia/Lord_Howe', '2025-04-05'],
  ['Australia/Lord_Howe', '2025-10-04'],
  ['America/Sao_Paulo', '2018-11-04'],
  ['America/Sao_Paulo', '2019-02-17'],
  ['America/Santiago', '2025-04-06'],
  ['America/Santiago', '2025-09-07'],
  ['Pacific/Apia', '2011-12-30'],
]

const hhmm = (quarters: number) => {
  const minutes = quarters * 15
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Up to four sorted, disjoint intervals on a quarter-hour grid, 24:00 included. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 8 })
  .map((bounds): BusinessInterval[] => {
    const sorted = [...bounds].sort((x, y) => x - y)
    const intervals: BusinessInterval[] = []
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      intervals.push({ start: hhmm(sorted[i] ?? 0), end: hhmm(sorted[i + 1] ?? 0) })
    }
    return intervals
  })

const holiday = fc
  .integer({ min: FROM, max: TO })
  .map((ms) => new Date(ms).toISOString().slice(0, 10))

const calendarArb: fc.Arbitrary<Calendar> = fc.record({
  time_zone: fc.constantFrom(...ZONES),
  weekly_hours: fc.record({
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
    sun: dayHours,
  }),
  holidays: fc.uniqueArray(holiday, { maxLength: 20 }),
})

const openCalendar = calendarArb.filter((calendar) =>
  WEEKDAYS.some((day) => calendar.weekly_hours[day].length > 0),
)

/** Instants on a quarter-hour grid half of the time, to land on openings and closings. */
const instant = fc.oneof(
  fc.integer({ min: FROM / QUARTER, max: TO / QUARTER }).map((q) => q * QUARTER),
  fc.integer({ min: FROM, max: TO }),
)

const within = (days: number) => fc.integer({ min: 0, max: days * 86_400_000 })

describe('business time properties', () => {
  it('generates only valid calendars', () => {
    fc.assert(fc.property(calendarArb, (calendar) => validateCalendar(calendar).length === 0))
  })

  it('adds exactly the requested business time', () => {
    fc.assert(
      fc.property(openCalendar, instant, fc.integer({ min: 0, max: 10_000 }), (cal, a, minutes) => {
        const due = addBusinessMinutes(new Date(a), minutes, cal)
        expect(due).not.toBeNull()
        const end = due ?? new Date(a)
        expect(businessMsBetween(new Date(a), end, cal)).toBe(minutes * MINUTE)
        // The earliest such instant: business time runs just before it.
        if (minutes > 0) {
          expect(isBusinessTime(new Date(end.getTime() - 1), cal)).toBe(true)
        }
      }),
    )
  })

  it('is additive over a split point and bounded by real time', () => {
    fc.assert(
      fc.property(calendarArb, instant, within(40), within(40), (cal, a, d1, d2) => {
        const [from, mid, to] = [new Date(a), new Date(a + d1), new Date(a + d1 + d2)]
        const first = businessMsBetween(from, mid, cal)
        const second = businessMsBetween(mid, to, cal)
        expect(businessMsBetween(from, to, cal)).toBe(first + second)
        expect(first).toBeGreaterThanOrEqual(0)
        expect(first).toBeLessThanOrEqual(d1)
      }),
    )
  })

  it('is monotonic in the span and in the minutes added', () => {
    fc.assert(
      fc.property(
        openCalendar,
        instant,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (cal, a, m1, m2) => {
          const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1]
          const early = addBusinessMinutes(new Date(a), small, cal)?.getTime() ?? Number.NaN
          const late = addBusinessMinutes(new Date(a), large, cal)?.getTime() ?? Number.NaN
          expect(early).toBeLessThanOrEqual(late)
          expect(early).toBeGreaterThanOrEqual(a)
        },
      ),
    )
  })

  it('agrees with isBusinessTime on every millisecond tested', () => {
    fc.assert(
      fc.property(calendarArb, instant, (cal, t) => {
        const counted = businessMsBetween(new Date(t), new Date(t + 1), cal)
        expect(counted).toBe(isBusinessTime(new Date(t), cal) ? 1 : 0)
      }),
    )
  })

  it('matches a minute-by-minute count made with Luxon', () => {
    // An independent oracle: read each minute's local date and time with Luxon and look it
    // up in the calendar. Hours, offsets and changes all fall on whole minutes here.
    const isOpen = (cal: Calendar, ms: number) => {
      const local = DateTime.fromMillis(ms, { zone: cal.time_zone })
      if (cal.holidays.includes(local.toISODate() ?? '')) {
        return false
      }
      const minute = local.hour * 60 + local.minute
      const day = WEEKDAYS[local.weekday - 1] ?? 'mon'
      return cal.weekly_hours[day].some(({ start, end }) => {
        const [sh, sm] = start.split(':').map(Number)
        const [eh, em] = end.split(':').map(Number)
        return (sh ?? 0) * 60 + (sm ?? 0) <= minute && minute < (eh ?? 0) * 60 + (em ?? 0)
      })
    }
    // Half the cases start within a day before a clock change of the calendar's zone.
    const nearChange = fc.constantFrom(...CHANGES).chain(([zone, date]) =>
      fc.tuple(
        calendarArb.map((cal) => ({ ...cal, time_zone: zone })),
        fc.integer({ min: Date.parse(date) / MINUTE - 1440, max: Date.parse(date) / MINUTE }),
      ),
    )
    const anywhere = fc.tuple(calendarArb, fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }))
    fc.assert(
      fc.property(
        fc.oneof(nearChange, anywhere),
        fc.integer({ min: 0, max: 2 * 24 * 60 }),
        ([cal, startMinute], length) => {
          let expected = 0
          for (let m = startMinute; m < startMinute + length; m++) {
            expected += isOpen(cal, m * MINUTE) ? 1 : 0
          }
          const from = new Date(startMinute * MINUTE)
          const to = new Date((startMinute + length) * MINUTE)
          expect(businessMsBetween(from, to, cal)).toBe(expected * MINUTE)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('counts all real time on a round-the-clock calendar', () => {
    const always = (time_zone: string): Calendar => ({
      time_zone,
      weekly_hours: {
        mon: [{ start: '00:00', end: '24:00' }],
        tue: [{ start: '00:00', end: '24:00' }],
        wed: [{ start: '00:00', end: '24:00' }],
        thu: [{ start: '00:00', end: '24:00' }],
        fri: [{ start: '00:00', end: '24:00' }],
        sat: [{ start: '00:00', end: '24:00' }],
        sun: [{ start: '00:00', end: '24:00' }],
      },
      holidays: [],
    })
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, within(400), (zone, a, d) => {
        expect(businessMsBetween(new Date(a), new Date(a + d), always(zone))).toBe(d)
      }),
    )
  })
})
