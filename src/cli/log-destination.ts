import { type DestinationStream, destination } from 'pino'

/** Bytes buffered before a write even within one turn of the event loop. */
const MOST_BUFFERED = 8 * 1024

/**
 * Standard output for JSON log lines, written once per turn of the event loop instead of once
 * per line.
 *
 * Under load one turn finishes several requests, and each of their lines used to cost a
 * write of its own (6% of a cached GET's server time went to that write). No line waits for
 * a timer or for a buffer to fill: what a turn logged is written before the next turn's I/O.
 * A process that exits writes what it still holds; only one killed outright (SIGKILL) loses
 * what its last turn logged.
 */
export function turnBufferedStdout(): DestinationStream {
  const out = destination({ dest: 1, sync: true, minLength: MOST_BUFFERED })
  let scheduled = false
  const flush = () => {
    scheduled = false
    out.flush()
  }
  process.once('exit', () => {
    try {
      out.flushSync()
    } catch {
      // Standard output is gone (closed by whoever read it): nothing is left to write to.
    }
  })
  return {
    write(line: string) {
      out.write(line)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
  }
}
