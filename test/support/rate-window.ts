import { setTimeout as sleep } from 'node:timers/promises'
import type { ApiResponse } from './api-client'

/**
 * Rate-limit windows kept in the database are aligned on wall-clock minutes, the same for
 * every key. A test that counts requests in one window first makes sure the current window
 * has at least `seconds` left, judging by a probe's `RateLimit-Reset`, and otherwise waits
 * for the next one, so that its requests never straddle two windows.
 */
export async function awaitWindowRoom(
  probe: () => Promise<ApiResponse>,
  seconds = 15,
): Promise<void> {
  const res = await probe()
  const reset = Number(res.headers.get('ratelimit-reset'))
  if (!Number.isInteger(reset)) {
    throw new Error(`the probe got no RateLimit-Reset header (status ${res.status})`)
  }
  if (reset < seconds) {
    await sleep((reset + 1) * 1000)
  }
}
