/**
 * The `p`-th percentile (0 ≤ p ≤ 1) of ascending `sorted` values, interpolated between the two
 * nearest ranks exactly as PostgreSQL's `percentile_cont` does, so a figure computed here and
 * one computed in SQL agree; null for no values.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) {
    return null
  }
  const rank = p * (sorted.length - 1)
  const below = Math.floor(rank)
  const low = sorted[below] as number
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number
  return low + (high - low) * (rank - below)
}

/** Seconds rounded to the millisecond, as the report's SQL rounds its own. */
export function roundSeconds(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000) / 1000
}
