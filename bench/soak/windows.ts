import { performance } from 'node:perf_hooks'
import { quantile } from '../stats'

/** What happened in one sampling window. */
export interface WindowFigures {
  /** Seconds since the phase started, at the end of the window. */
  at: number
  seconds: number
  ops: number
  /** Answers other than 200, and requests that got no answer. */
  errors: number
  /** Requests the load generator did not send because too many were waiting already. */
  shed: number
  /** Latency percentiles (ms) of the operations that finished in the window. */
  p50: number
  p99: number
}

/**
 * Collects latencies and errors and cuts them into consecutive windows: each operation
 * counts in the window it finished in.
 */
export class WindowRecorder {
  private latencies: number[] = []
  private errors = 0
  private shedCount = 0
  private readonly start = performance.now()
  private windowStart = this.start

  record(latencyMs: number): void {
    this.latencies.push(latencyMs)
  }

  fail(): void {
    this.errors++
  }

  shed(): void {
    this.shedCount++
  }

  /** Closes the current window and starts the next one. */
  cut(): WindowFigures {
    const now = performance.now()
    const sorted = Float64Array.from(this.latencies).sort()
    const figures: WindowFigures = {
      at: Math.round((now - this.start) / 1000),
      seconds: (now - this.windowStart) / 1000,
      ops: sorted.length,
      errors: this.errors,
      shed: this.shedCount,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
    }
    this.latencies = []
    this.errors = 0
    this.shedCount = 0
    this.windowStart = now
    return figures
  }
}

/** Calls `sample` every `windowMs` until the returned function is called. */
export function everyWindow(windowMs: number, sample: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> = Promise.resolve()
  const timer = setInterval(() => {
    pending = pending.then(sample)
  }, windowMs)
  return async () => {
    clearInterval(timer)
    await pending
  }
}
