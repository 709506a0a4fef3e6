/**
 * Rules cannot loop forever: a change made by a rule may trigger rules, whose changes may
 * trigger rules, at most this many times; deeper, the rules are held back and the hold
 * counted on each (`skipped_loops`).
 */
export const MAX_RULE_DEPTH = 3

/** Most runs of one rule per minute (over every process); more are held back and counted. */
export const MAX_RUNS_PER_MINUTE = 1000

const WINDOW_MS = 60_000

/** Whether a job at `depth` (0: a change by a person or program) may still run rules. */
export function withinDepth(depth: number): boolean {
  return depth < MAX_RULE_DEPTH
}

/** A rule's rate window as stored: its start and the runs counted in it. */
export interface RateWindow {
  start: Date | null
  runs: number
}

/**
 * Whether a rule may run now, and its window after the run: a fixed one-minute window,
 * restarted by the first run after it ends.
 */
export function takeRun(
  window: RateWindow,
  now: Date,
  limit = MAX_RUNS_PER_MINUTE,
): { allowed: boolean; window: RateWindow } {
  if (!window.start || now.getTime() - window.start.getTime() >= WINDOW_MS) {
    return { allowed: true, window: { start: now, runs: 1 } }
  }
  if (window.runs >= limit) {
    return { allowed: false, window }
  }
  return { allowed: true, window: { start: window.start, runs: window.runs + 1 } }
}
