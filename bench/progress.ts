import cliProgress from 'cli-progress'

/** A progress indicator for one phase. */
export interface Progress {
  increment(by?: number): void
  stop(): void
}

/**
 * A bar on stderr when it is a terminal; otherwise one line when the phase starts, so logs
 * of a redirected run stay readable instead of filling with carriage returns.
 */
export function startProgress(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY) {
    process.stderr.write(`${label}: ${total.toLocaleString('en-US')} ${unit}…\n`)
    return { increment: () => {}, stop: () => {} }
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(44)} [{bar}] {percentage}% {value}/{total} ${unit} {duration}s`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  }
}

/** Progress of a phase that runs for a fixed time, ticking once a second. */
export function startTimedProgress(label: string, totalMs: number): Progress {
  const seconds = Math.ceil(totalMs / 1000)
  const progress = startProgress(label, seconds, 's')
  let ticks = 0
  const timer = setInterval(() => {
    if (ticks < seconds) {
      ticks++
      progress.increment()
    }
  }, 1000)
  return {
    increment: () => {},
    stop: () => {
      clearInterval(timer)
      progress.increment(seconds - ticks)
      progress.stop()
    },
  }
}
