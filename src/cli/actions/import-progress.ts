import cliProgress from 'cli-progress'
import type { ImportProgress } from '../../import/progress'

/** Seconds between two plain progress lines when stderr is not a terminal. */
const LINE_EVERY_MS = 5000

/**
 * Progress on stderr: on a terminal, a bar with the count, the rate and the time left; in a
 * log, a line every few seconds and one at the end, so the log never fills with carriage
 * returns. stdout is left to the report.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  let label = ''
  let total: number | null = null
  let done = 0
  let startedAt = 0
  let lastLine = 0
  let bar: cliProgress.SingleBar | null = null
  const rate = () => {
    const seconds = (performance.now() - startedAt) / 1000
    return seconds > 0 ? Math.round(done / seconds) : 0
  }
  const count = () =>
    `${done.toLocaleString('en-US')}${total === null ? '' : `/${total.toLocaleString('en-US')}`}`
  return {
    start(name, expected) {
      label = name
      total = expected
      done = 0
      startedAt = performance.now()
      lastLine = startedAt
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          {
            format: `${name.padEnd(10)} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 20,
            stream,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(expected ?? 0, 0, { rate: 0 })
      }
    },
    advance(items) {
      done += items
      if (bar) {
        bar.increment(items, { rate: rate().toLocaleString('en-US') })
        return
      }
      const now = performance.now()
      if (now - lastLine >= LINE_EVERY_MS) {
        lastLine = now
        stream.write(`${label}: ${count()} (${rate().toLocaleString('en-US')}/s)\n`)
      }
    },
    stop() {
      if (bar) {
        bar.stop()
        bar = null
        return
      }
      stream.write(
        `${label}: ${count()} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (${rate().toLocaleString('en-US')}/s)\n`,
      )
    },
  }
}
