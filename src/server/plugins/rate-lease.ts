import type { RateLimitHit } from '../../store/rate-limits'

/** Below this many hits left in a window, every hit is counted in the database, one by one. */
const EXACT_BELOW = 128
/** A reservation takes at most 1/64 of what is left, and never more than this. */
const MOST_AHEAD = 64
/** Keys kept before expired reservations are swept. */
const SWEEP_ABOVE = 10_000

interface Lease {
  /** Hits counted in the window before this reservation. */
  base: number
  granted: number
  used: number
  /** When the window ends, by this process's clock (epoch ms). */
  endsAt: number
}

/** Counts `count` hits for `key` in the shared store; answers the window's total and ttl. */
export type CountHits = (key: string, windowMs: number, count: number) => Promise<RateLimitHit>

/**
 * A process's reservations of rate-limit hits in the shared counter (the database store).
 *
 * Counting each request with its own upsert makes the concurrent requests of one token wait
 * for each other on that counter's row, and costs a round trip before any work. Instead a
 * process reserves several hits at once, counted in the shared row before any is used, and
 * hands them out in memory; concurrent requests share one reservation in flight. Because every
 * admitted request was counted in the shared row first, no more than the limit is ever
 * admitted across all processes. The price is the other way: hits a process reserved and did
 * not use before another process filled the window are lost for that window. A reservation
 * takes at most 1/64 of what was left (64 at most), and with fewer than 128 hits left every
 * hit is counted alone, so a window admits at least `limit × (1 − processes / 64)`, exactly
 * the limit with one process, and small limits (tests, tight tokens) are exact.
 */
export class RateLeases {
  private readonly leases = new Map<string, Lease>()
  private readonly renewing = new Map<string, Promise<void>>()

  constructor(private readonly count: CountHits) {}

  /**
   * Takes one hit for `key` from the reservation in hand, without waiting: the window's count
   * including it, and its time left. Null when the reservation is used up or has expired.
   */
  take(key: string): { current: number; ttl: number } | null {
    const now = Date.now()
    const lease = this.leases.get(key)
    if (lease && now < lease.endsAt && lease.used < lease.granted) {
      lease.used++
      return { current: lease.base + lease.used, ttl: lease.endsAt - now }
    }
    return null
  }

  /** Takes one hit for `key`: the window's count including it, and its time left. */
  async hit(key: string, windowMs: number, max: number): Promise<{ current: number; ttl: number }> {
    for (;;) {
      const taken = this.take(key)
      if (taken) {
        return taken
      }
      const lease = this.leases.get(key)
      const pending = this.renewing.get(key)
      if (pending) {
        await pending
        continue
      }
      const renewal = this.renew(key, windowMs, max, lease)
      this.renewing.set(key, renewal)
      try {
        await renewal
      } finally {
        this.renewing.delete(key)
      }
    }
  }

  private async renew(
    key: string,
    windowMs: number,
    max: number,
    previous: Lease | undefined,
  ): Promise<void> {
    const known = previous && Date.now() < previous.endsAt ? previous.base + previous.granted : 0
    const room = max - known
    const ahead = room < EXACT_BELOW ? 1 : Math.min(MOST_AHEAD, Math.floor(room / 64))
    const { hits, ttlMs } = await this.count(key, windowMs, ahead)
    if (this.leases.size > SWEEP_ABOVE) {
      const now = Date.now()
      for (const [stale, lease] of this.leases) {
        if (lease.endsAt <= now) {
          this.leases.delete(stale)
        }
      }
    }
    this.leases.set(key, {
      base: hits - ahead,
      granted: ahead,
      used: 0,
      endsAt: Date.now() + ttlMs,
    })
  }
}
