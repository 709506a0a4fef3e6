/** How a failing delivery is retried. */
export interface RetryPolicy {
  /** Delay after the first failed attempt, in ms; it doubles after each further one. */
  baseMs: number
  /** Longest delay between two attempts, in ms. */
  maxMs: number
  /** Attempts in all, the first included; after the last failure the delivery is failed. */
  maxAttempts: number
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false }

/**
 * Exponential back-off with jitter. The delay after the n-th failed attempt is
 * `min(maxMs, baseMs · 2^(n-1))`, of which the second half is random ("equal jitter"):
 * receivers coming back from an outage are not hit by every sender at the same instant,
 * and no retry comes sooner than half the nominal delay.
 *
 * @param attempts attempts made so far, the failed one included (1 or more)
 * @param random a number in [0, 1); injectable for tests
 */
export function retryAfterFailure(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (attempts >= policy.maxAttempts) {
    return { retry: false }
  }
  // The exponent is bounded: 2^1024 is Infinity, and min() of it is still maxMs.
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempts - 1, 60))
  const half = nominal / 2
  return { retry: true, delayMs: Math.round(half + random() * half) }
}
