import cliProgress from 'cli-progress'
import type { TableProgress } from '../store/backup/write-backup'

/**
 * Rows per table on stderr: a bar per table on a terminal; otherwise one line per table
 * once it is done, so a redirected log stays readable instead of filling with carriage
 * returns. stdout is left to the command's summary.
 */
export function startTableProgress(verb: string): TableProgress {
  let table = ''
  let done = 0
  let bar: cliProgress.SingleBar | null = null
  const isTerminal = process.stderr.isTTY
  return {
    startTable(name, rows) {
      table = name
      done = 0
      if (isTerminal) {
        bar = new cliProgress.SingleBar(
          {
            format: `${verb} ${name.padEnd(20)} [{bar}] {value}/{total} rows`,
            hideCursor: true,
            clearOnComplete: false,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(rows, 0)
      }
    },
    advance(rows) {
      done += rows
      bar?.increment(rows)
    },
    endTable() {
      if (bar) {
        bar.stop()
        bar = null
      } else {
        process.stderr.write(`${verb} ${table}: ${done.toLocaleString('en-US')} rows\n`)
      }
    },
  }
}

/** Seconds since `startedAt`, for a summary line. */
export function elapsedSeconds(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`
}
