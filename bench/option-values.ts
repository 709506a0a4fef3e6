/** Checks of command-line values shared by the benchmarks; `usage` follows each refusal. */

/** A whole number above zero. */
export function positiveInteger(value: string, name: string, usage: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`--${name} must be a positive whole number, not ${value}\n\n${usage}`)
  }
  return n
}

/** A scheduling priority, -20..19. */
export function niceness(value: string, usage: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < -20 || n > 19) {
    throw new Error(`--nice must be a whole number from -20 to 19, not ${value}\n\n${usage}`)
  }
  return n
}
