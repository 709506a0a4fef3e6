import { describe, expect, it } from 'vitest'
import { reportPeriod } from './report-period'

const LIMITS = { defaultDays: 7, maxDays: 366 }
const NOW = new Date('2026-03-10T12:00:00.000Z')

describe('reportPeriod', () => {
  it('defaults to the 7 days before now', () => {
    expect(reportPeriod({}, NOW, LIMITS)).toEqual({
      from: new Date('2026-03-03T12:00:00.000Z'),
      to: NOW,
    })
  })

  it('counts the default start back from the given end', () => {
    expect(reportPeriod({ to: '2026-01-08T00:00:00Z' }, NOW, LIMITS)).toEqual({
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-01-08T00:00:00.000Z'),
    })
  })

  it('takes both bounds as given, with their offsets', () => {
    expect(
      reportPeriod({ from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00Z' }, NOW, LIMITS),
    ).toEqual({ from: new Date('2025-12-31T23:00:00.000Z'), to: new Date('2026-02-01T00:00:00Z') })
  })

  it('refuses an empty or reversed period, naming the bound given last', () => {
    const at = '2026-01-01T00:00:00Z'
    expect(reportPeriod({ from: at, to: at }, NOW, LIMITS)).toEqual([
      { path: '/query/to', message: 'must be after from' },
    ])
    expect(reportPeriod({ from: '2026-04-01T00:00:00Z' }, NOW, LIMITS)).toEqual([
      { path: '/query/from', message: 'must be before to (now)' },
    ])
  })

  it('accepts 366 days and refuses a millisecond more, naming the field beyond', () => {
    const from = '2025-01-01T00:00:00.000Z'
    expect(reportPeriod({ from, to: '2026-01-02T00:00:00.000Z' }, NOW, LIMITS)).not.toBeInstanceOf(
      Array,
    )
    expect(reportPeriod({ from, to: '2026-01-02T00:00:00.001Z' }, NOW, LIMITS)).toEqual([
      { path: '/query/to', message: 'must be at most 366 days after from' },
    ])
    expect(reportPeriod({ from }, NOW, LIMITS)).toEqual([
      { path: '/query/from', message: 'must be at most 366 days before to (now)' },
    ])
  })
})
