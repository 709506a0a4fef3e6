import type { Reporter, Vitest } from 'vitest/node'
import { type MissingRequirement, notRunLines } from './requirements.ts'

/** Minutes and seconds, as a person reads a duration: "7 min 04 s". */
function formatDuration(seconds: number): string {
  const whole = Math.round(seconds)
  const minutes = Math.floor(whole / 60)
  const rest = String(whole % 60).padStart(2, '0')
  return minutes > 0 ? `${minutes} min ${rest} s` : `${whole} s`
}

/**
 * Ends the run with what it could not run on this machine (one line each, with why) and the
 * run's wall time. Vitest's own "Duration" leaves out the global setup's servers and their
 * teardown; this line counts from the process's start to the end of the teardown.
 */
export class WallTimeReporter implements Reporter {
  readonly #missing: MissingRequirement[]

  constructor(missing: MissingRequirement[]) {
    this.#missing = missing
  }

  onInit(vitest: Vitest): void {
    const projects = vitest.projects.map((project) => project.name)
    // onClose runs after every project's global teardown: the last thing the run does.
    vitest.onClose(() => {
      for (const line of notRunLines(this.#missing, projects)) {
        console.log(`Not run here: ${line}`)
      }
      console.log(`Wall time: ${formatDuration(process.uptime())} (setup and teardown included)`)
    })
  }
}
