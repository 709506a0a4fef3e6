import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR } from '../../contract/calendar'
import { makeCalendar, officeCalendar } from '../calendar/test-calendars'
import { computeSlaBreach } from './sla'

const at = (iso: string) => new Date(iso)

describe('computeSlaBreach', () => {
  it('has no breach times without a policy', () => {
    expect(computeSlaBreach(at('2025-09-12T17:00:00Z'), null, DEFAULT_CALENDAR)).toEqual({
      sla_breach_at: null,
      sla_breach_business_at: null,
    })
  })

  it('counts wall-clock and business minutes from creation', () => {
    const breach = computeSlaBreach(
      at('2025-09-12T17:00:00Z'),
      { resolution_minutes: 240 },
      DEFAULT_CALENDAR,
    )
    expect(breach).toEqual({
      sla_breach_at: at('2025-09-12T21:00:00Z'),
      sla_breach_business_at: at('2025-09-15T12:00:00Z'),
    })
  })

  it('follows local hours across a DST change in New York', () => {
    // Friday 7 March 2025 17:00 EST; clocks spring forward on Sunday 9 March.
    const breach = computeSlaBreach(
      at('2025-03-07T22:00:00Z'),
      { resolution_minutes: 120, description: 'two business hours' },
      officeCalendar('America/New_York'),
    )
    expect(breach.sla_breach_at).toEqual(at('2025-03-08T00:00:00Z'))
    expect(breach.sla_breach_business_at).toEqual(at('2025-03-10T14:00:00Z'))
  })

  it('has no business breach time when the calendar never opens', () => {
    const breach = computeSlaBreach(
      at('2025-09-12T17:00:00Z'),
      { resolution_minutes: 60 },
      makeCalendar('UTC', {}),
    )
    expect(breach).toEqual({
      sla_breach_at: at('2025-09-12T18:00:00Z'),
      sla_breach_business_at: null,
    })
  })
})
