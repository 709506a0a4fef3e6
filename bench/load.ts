import { performance } from 'node:perf_hooks'
import { startTimedProgress } from './progress'
import { type PhaseStats, summarise } from './stats'

/** One operation of a load phase; `worker` is the caller's slot, 0..concurrency-1. */
export type Operation = (worker: number) => Promise<void>

/** A closed-loop phase that runs for a fixed time. */
export interface TimedLoad {
  concurrency: number
  /** Run but not counted: connections open, caches and the JIT warm up. */
  warmupMs: number
  durationMs: number
}

/**
 * Runs `op` from `concurrency` workers in a closed loop (each starts its next operation when
 * the last one answers) and measures the operations that complete inside the window after
 * the warm-up. Operations still in flight when it closes finish but are not counted.
 */
export async function runTimed(load: TimedLoad, op: Operation): Promise<PhaseStats> {
  const start = performance.now()
  const windowStart = start + load.warmupMs
  const windowEnd = windowStart + load.durationMs
  const latencies: number[] = []
  const worker = async (slot: number) => {
    while (performance.now() < windowEnd) {
      const began = performance.now()
      await op(slot)
      const ended = performance.now()
      if (began >= windowStart && ended <= windowEnd) {
        latencies.push(ended - began)
      }
    }
  }
  await Promise.all(Array.from({ length: load.concurrency }, (_, slot) => worker(slot)))
  return summarise(latencies, load.durationMs / 1000)
}

/** A closed-loop phase that runs a fixed number of operations. */
export interface CountedLoad {
  concurrency: number
  operations: number
  /** How many units (tasks) one operation carries, for the rate. */
  unitsPerOperation: number
  /** Called after each operation, for progress. */
  onDone?: () => void
}

/** Runs operations 0..operations-1, `concurrency` at a time, and measures them all. */
export async function runCounted(
  load: CountedLoad,
  op: (index: number) => Promise<void>,
): Promise<PhaseStats> {
  const latencies: number[] = []
  let next = 0
  const worker = async () => {
    while (next < load.operations) {
      const index = next++
      const began = performance.now()
      await op(index)
      latencies.push(performance.now() - began)
      load.onDone?.()
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: load.concurrency }, () => worker()))
  return summarise(latencies, (performance.now() - start) / 1000, load.unitsPerOperation)
}

/** {@link runTimed} with a progress bar labelled `label`. */
export async function timedPhase(
  label: string,
  load: TimedLoad,
  op: Operation,
): Promise<PhaseStats> {
  const progress = startTimedProgress(
    `${label}, ${load.concurrency} in flight`,
    load.warmupMs + load.durationMs,
  )
  try {
    return await runTimed(load, op)
  } finally {
    progress.stop()
  }
}
