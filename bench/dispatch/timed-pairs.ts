import { performance } from 'node:perf_hooks'
import { startTimedProgress } from '../progress'
import { type PhaseStats, summarise } from '../stats'

/** One dispatch cycle of a worker: the claim (timed on its own), then the completion. */
export interface Cycle {
  claim: (worker: number) => Promise<string>
  complete: (worker: number, uid: string) => Promise<void>
}

/** What a dispatch phase measured. */
export interface DispatchStats {
  /** Claim + complete cycles: the rate is tasks handed out and finished per second. */
  cycles: PhaseStats
  /** The claim alone (`next`, or the raw SKIP LOCKED statement). */
  claim: PhaseStats
  /** Distinct tasks claimed in the whole phase, warm-up included, and claims made. */
  distinct: number
  claims: number
}

/**
 * Runs `workers` closed loops of claim → complete for warm-up + duration and measures the
 * cycles and claims that fall entirely inside the window after the warm-up. Every uid
 * claimed is kept, so the caller can see that none was handed out twice.
 */
export async function runCycles(
  label: string,
  workers: number,
  timing: { warmupMs: number; durationMs: number },
  cycle: Cycle,
): Promise<DispatchStats> {
  const progress = startTimedProgress(
    `${label}, ${workers} operators`,
    timing.warmupMs + timing.durationMs,
  )
  const windowStart = performance.now() + timing.warmupMs
  const windowEnd = windowStart + timing.durationMs
  const cycleMs: number[] = []
  const claimMs: number[] = []
  const claimed: string[] = []
  const worker = async (slot: number) => {
    while (performance.now() < windowEnd) {
      const began = performance.now()
      const uid = await cycle.claim(slot)
      const gotIt = performance.now()
      claimed.push(uid)
      await cycle.complete(slot, uid)
      const ended = performance.now()
      if (began >= windowStart && gotIt <= windowEnd) {
        claimMs.push(gotIt - began)
      }
      if (began >= windowStart && ended <= windowEnd) {
        cycleMs.push(ended - began)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: workers }, (_, slot) => worker(slot)))
  } finally {
    progress.stop()
  }
  const seconds = timing.durationMs / 1000
  return {
    cycles: summarise(cycleMs, seconds),
    claim: summarise(claimMs, seconds),
    distinct: new Set(claimed).size,
    claims: claimed.length,
  }
}
