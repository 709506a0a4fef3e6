/** Latency and throughput of one measured phase. */
export interface PhaseStats {
  /** Operations completed inside the measured window. */
  count: number
  /** Length of the measured window, in seconds. */
  seconds: number
  /** Operations per second. */
  rate: number
  /** Latency percentiles in milliseconds. */
  p50: number
  p99: number
}

/**
 * The q-quantile (0..1) of `sorted` by the nearest-rank method: the smallest sample with at
 * least q of the samples at or below it. A histogram library would only save memory, and a
 * few hundred thousand doubles is nothing.
 */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) {
    return Number.NaN
  }
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN
}

/** Summarises latencies (ms) collected over `seconds`, counting `units` per operation. */
export function summarise(latencies: number[], seconds: number, units = 1): PhaseStats {
  const sorted = Float64Array.from(latencies).sort()
  return {
    count: latencies.length,
    seconds,
    rate: (latencies.length * units) / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  }
}
