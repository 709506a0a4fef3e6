import { describe, expect, it } from 'vitest'
import { type RetryPolicy, retryAfterFailure } from './retry'

const policy: RetryPolicy = { baseMs: 1000, maxMs: 3_600_000, maxAttempts: 16 }
const delay = (attempts: number, random: number) => {
  const decision = retryAfterFailure(attempts, policy, () => random)
  return decision.retry ? decision.delayMs : null
}

describe('webhook retries', () => {
  it('double the delay after each failure, between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => delay(n, 0.999_999_999))).toEqual([1000, 2000, 4000, 8000])
    expect([1, 2, 3, 4].map((n) => delay(n, 0))).toEqual([500, 1000, 2000, 4000])
    expect(delay(3, 0.5)).toBe(3000)
  })

  it('never wait longer than the cap', () => {
    expect(delay(13, 0.999_999_999)).toBe(3_600_000)
    expect(delay(15, 0.999_999_999)).toBe(3_600_000)
    expect(delay(15, 0)).toBe(1_800_000)
  })

  it('give up after the last attempt', () => {
    expect(retryAfterFailure(15, policy).retry).toBe(true)
    expect(retryAfterFailure(16, policy)).toEqual({ retry: false })
    expect(retryAfterFailure(1, { ...policy, maxAttempts: 1 })).toEqual({ retry: false })
  })

  it('stay finite however many attempts are allowed', () => {
    const endless = { ...policy, maxAttempts: Number.MAX_SAFE_INTEGER }
    const decision = retryAfterFailure(5000, endless, () => 1)
    expect(decision).toEqual({ retry: true, delayMs: 3_600_000 })
  })
})
