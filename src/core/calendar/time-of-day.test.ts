import { describe, expect, it } from 'vitest'
import { parseLocalDate, parseTimeOfDay } from './time-of-day'

describe('parseTimeOfDay', () => {
  it('reads "HH:MM" as minutes since midnight', () => {
    expect(parseTimeOfDay('00:00')).toBe(0)
    expect(parseTimeOfDay('09:30')).toBe(570)
    expect(parseTimeOfDay('23:59')).toBe(1439)
  })

  it('accepts 24:00 only as an end of day', () => {
    expect(parseTimeOfDay('24:00')).toBeNull()
    expect(parseTimeOfDay('24:00', true)).toBe(1440)
  })

  it('rejects malformed times', () => {
    for (const value of ['9:00', '24:01', '12:60', '12:5', 'noon', '', '12:00:00']) {
      expect(parseTimeOfDay(value, true)).toBeNull()
    }
  })
})

describe('parseLocalDate', () => {
  it('numbers days from 1970-01-01', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0)
    expect(parseLocalDate('1970-01-02')).toBe(1)
    expect(parseLocalDate('1969-12-31')).toBe(-1)
    expect(parseLocalDate('2024-02-29')).toBe(19_782)
  })

  it('rejects nonexistent and malformed dates', () => {
    for (const value of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-01-00']) {
      expect(parseLocalDate(value)).toBeNull()
    }
    for (const value of ['2025-1-01', '25-01-01', '2025/01/01', '']) {
      expect(parseLocalDate(value)).toBeNull()
    }
  })

  it('reads years before 100 literally', () => {
    expect(parseLocalDate('0050-01-01')).toBe(-701_265)
  })
})
