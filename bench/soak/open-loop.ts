import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { WindowRecorder } from './windows'

/** One request of the mix; resolves null, or what was wrong with the answer. */
export type Request = () => Promise<string | null>

/** A fixed-rate load: how fast, for how long, and how much may be outstanding. */
export interface OpenLoop {
  rate: number
  durationMs: number
  /** Beyond this many requests in flight the server is not keeping up: shed the rest. */
  maxInFlight: number
}

/**
 * Sends requests at a fixed rate whatever the answers do (an open loop: a slow server gets
 * a queue, as it would from real clients, instead of a politely slower benchmark). Latency
 * counts from when a request was due, not when it was sent, so a stalled sender cannot hide
 * a stalled server (coordinated omission).
 */
export async function runOpenLoop(
  load: OpenLoop,
  pick: (n: number) => Request,
  recorder: WindowRecorder,
  onError: (message: string) => void,
): Promise<void> {
  const start = performance.now()
  const interval = 1000 / load.rate
  const total = Math.floor((load.durationMs / 1000) * load.rate)
  const inFlight = new Set<Promise<void>>()
  for (let n = 0; n < total; n++) {
    const due = start + n * interval
    const wait = due - performance.now()
    if (wait > 1) {
      await sleep(wait)
    }
    if (inFlight.size >= load.maxInFlight) {
      // The server is not keeping up: queueing more would only measure the queue.
      recorder.shed()
      continue
    }
    const request = pick(n)
    const done = request().then(
      (wrong) => {
        if (wrong === null) {
          recorder.record(performance.now() - due)
        } else {
          recorder.fail()
          onError(wrong)
        }
      },
      (error: Error) => {
        recorder.fail()
        onError(error.message)
      },
    )
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  }
  await Promise.all(inFlight)
}
