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

/**
 * Seconds rounded to the millisecond exactly as the report's SQL rounds its own
 * (`round(x::numeric, 3)::float8`): to 15 significant digits first (PostgreSQL's float8 to
 * numeric), then half away from zero on the decimal digits. Rounding the binary value directly
 * would differ on ties (0.5805 is 0.58049999… in binary), and business and wall-clock figures
 * that should be equal would not be.
 */
export function roundSeconds(seconds: number | null): number | null {
  if (seconds === null) {
    return null
  }
  const digits = Number(seconds.toPrecision(15))
  if (Math.abs(digits) < 1e-6) {
    return 0
  }
  // The exponent shifts the decimal text, not the binary value.
  const millis = Number(`${digits}e3`)
  return (Math.sign(millis) * Math.round(Math.abs(millis))) / 1000
}
