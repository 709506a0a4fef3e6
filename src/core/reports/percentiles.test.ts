import { describe, expect, it } from 'vitest'
import { percentileCont, roundSeconds } from './percentiles'

describe('percentileCont', () => {
  it('is null for no values', () => {
    expect(percentileCont([], 0.5)).toBeNull()
  })

  it('is the value itself for one value', () => {
    expect(percentileCont([42], 0.5)).toBe(42)
    expect(percentileCont([42], 0.9)).toBe(42)
  })

  it('interpolates between the nearest ranks as percentile_cont does', () => {
    // PostgreSQL: percentile_cont(0.5) of 1..4 is 2.5, percentile_cont(0.9) is 3.7.
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(percentileCont([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10)
    expect(percentileCont([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBeCloseTo(91, 10)
    expect(percentileCont([5, 7, 9], 0)).toBe(5)
    expect(percentileCont([5, 7, 9], 1)).toBe(9)
  })
})

describe('roundSeconds', () => {
  it('keeps milliseconds and null', () => {
    expect(roundSeconds(1.23456)).toBe(1.235)
    expect(roundSeconds(null)).toBeNull()
    expect(roundSeconds(0)).toBe(0)
  })

  it('rounds ties up as PostgreSQL does, whatever their binary value', () => {
    // The median of 0.5 and 0.501 s is 0.50049999… in binary; PostgreSQL says 0.501.
    expect(roundSeconds(percentileCont([0.5, 0.501], 0.5))).toBe(0.501)
    expect(roundSeconds(percentileCont([0.01, 0.011], 0.5))).toBe(0.011)
    expect(roundSeconds(percentileCont([0.563, 0.598], 0.5))).toBe(0.581)
    expect(roundSeconds(2.0005)).toBe(2.001)
    expect(roundSeconds(1.0045)).toBe(1.005)
    expect(roundSeconds(123456.7895)).toBe(123456.79)
  })
})
