// The issue's targets as each benchmark prints them: one line per target, pass or FAIL, on the
// median of the rounds run (issue 17 states its figures as the median of three).

/** One target, judged on the median of its rounds. */
export interface Target {
  target: string
  /** The measured value of each round, in the unit `show` prints. */
  rounds: number[]
  /** Whether a value meets the target. */
  meets: (value: number) => boolean
  show: (value: number) => string
  /**
   * The same measure taken on a floor that keeps Tessera's guarantees (its statements and
   * round trips, none of its own work): when that floor misses the target in every round,
   * no server keeping them reaches it on this machine, and the line says so.
   */
  ceiling?: { what: string; rounds: number[] }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`

/** The targets as a Markdown table: median, each round, pass or FAIL. */
export function renderTargetLines(targets: Target[]): string {
  const lines = ['| target | median | rounds | result |', '|---|--:|---|---|']
  for (const t of targets) {
    const value = median(t.rounds)
    lines.push(
      `| ${t.target} | ${t.show(value)} | ${t.rounds.map(t.show).join(', ')} | ${t.meets(value) ? 'pass' : `**FAIL**${outOfReach(t)}`} |`,
    )
  }
  return lines.join('\n')
}

/**
 * `; out of reach here: …` when the target's ceiling misses it in every round; else what the
 * ceiling reached, so that a failing line says how far the floor itself got ('' without one).
 * Out of reach only then: a single round of a noisy machine proves nothing either way, but a
 * floor that never reaches the target is a ceiling. A round without a figure proves nothing.
 */
export function outOfReach(t: Pick<Target, 'ceiling' | 'meets' | 'show'>): string {
  const rounds = t.ceiling?.rounds ?? []
  if (!t.ceiling || rounds.length === 0) {
    return ''
  }
  const reached = rounds.map(t.show).join(', ')
  if (rounds.some((v) => !Number.isFinite(v) || t.meets(v))) {
    return `; ${t.ceiling.what} reached ${reached}`
  }
  return `; out of reach here: ${t.ceiling.what} misses it in every round (${reached})`
}
