import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { loadZone, offsetSpanAt } from './zone-offsets'

describe('offsetSpanAt', () => {
  const paris = loadZone('Europe/Paris')

  it('finds DST changes to the ms', () => {
    expect(offsetSpanAt(paris, Date.parse('2025-03-01T00:00:00Z'))).toEqual({
      offset: 3_600_000,
      end: Date.parse('2025-03-30T01:00:00Z'),
    })
    expect(offsetSpanAt(paris, Date.parse('2025-03-30T01:00:00Z'))).toEqual({
      offset: 7_200_000,
      end: Date.parse('2025-10-26T01:00:00Z'),
    })
  })

  it('ends a span at the new year when nothing changes', () => {
    expect(offsetSpanAt(loadZone('UTC'), Date.parse('2025-06-01T00:00:00Z'))).toEqual({
      offset: 0,
      end: Date.parse('2026-01-01T00:00:00Z'),
    })
  })

  it('agrees with Luxon at any instant', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-01-01') }),
        (name, ts) => {
          const span = offsetSpanAt(loadZone(name), ts)
          expect(span.offset).toBe(DateTime.fromMillis(ts, { zone: name }).offset * 60_000)
          expect(span.end).toBeGreaterThan(ts)
        },
      ),
    )
  })

  it('rejects an unknown zone', () => {
    expect(() => loadZone('Nowhere/Atlantis')).toThrow(RangeError)
  })
})
