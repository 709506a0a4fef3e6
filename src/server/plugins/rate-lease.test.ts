import { afterEach, describe, expect, it, vi } from 'vitest'
import { RateLeases } from './rate-lease'

/** A shared counter like the database's, within one window: hits per key, 60 s left. */
function sharedCounter() {
  const counts = new Map<string, number>()
  const calls: number[] = []
  const count = async (key: string, _windowMs: number, hits: number) => {
    calls.push(hits)
    const total = (counts.get(key) ?? 0) + hits
    counts.set(key, total)
    return { hits: total, ttlMs: 60_000 }
  }
  return { count, calls }
}

describe('RateLeases', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('reserves hits ahead in the shared counter and hands them out without asking again', async () => {
    const { count, calls } = sharedCounter()
    const leases = new RateLeases(count)
    expect(leases.take('token:a')).toBeNull()
    // 6,400 left: a reservation takes 1/64 of them, 64 at most.
    expect(await leases.hit('token:a', 60_000, 6400)).toMatchObject({ current: 1 })
    expect(calls).toEqual([64])
    for (let n = 2; n <= 64; n++) {
      expect(leases.take('token:a')?.current).toBe(n)
    }
    expect(leases.take('token:a')).toBeNull()
    expect(await leases.hit('token:a', 60_000, 6400)).toMatchObject({ current: 65 })
    expect(calls).toEqual([64, 64])
  })

  it('counts every hit alone when few are left, and hands out nothing once the window ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { count, calls } = sharedCounter()
    const leases = new RateLeases(count)
    expect((await leases.hit('token:b', 60_000, 100)).current).toBe(1)
    expect(leases.take('token:b')).toBeNull()
    expect((await leases.hit('token:b', 60_000, 100)).current).toBe(2)
    expect(calls).toEqual([1, 1])

    await leases.hit('token:c', 60_000, 6400)
    expect(leases.take('token:c')).not.toBeNull()
    vi.setSystemTime(Date.now() + 60_001)
    expect(leases.take('token:c')).toBeNull()
  })
})
