import os from 'node:os'
import { startTimedProgress } from '../progress'
import type { SoakCluster } from './cluster'
import { MixedLoad, type RequestKind } from './mixed-load'
import { runOpenLoop } from './open-loop'
import { databaseMiB, residentMiB } from './samplers'
import { seedQueue, startPlaying } from './seed'
import { everyWindow, type WindowFigures, WindowRecorder } from './windows'

/** One sampling window of the steady phase. */
export interface SteadyWindow extends WindowFigures {
  rssMiB: number
  databaseMiB: number
  load1: number
}

/** What the steady phase saw. */
export interface SteadyResult {
  rate: number
  durationMs: number
  windows: SteadyWindow[]
  requests: Record<RequestKind, number>
  /** Player turns that found all operators waiting on an answer (given to a read instead). */
  busyTurns: number
  /** The first few distinct error messages. */
  errorSamples: string[]
}

/** Tasks in the queue before the load starts, so the operators have work from the start. */
const BACKLOG = 5000

/** Requests waiting for an answer beyond which the generator sheds load instead of queueing. */
export const MAX_IN_FLIGHT = 512

/** Unrecorded load first: a fresh server compiles its code and fills its pool meanwhile. */
const WARMUP_MS = 20_000

/** Phase 1: mixed load at a fixed rate, sampled every window. */
export async function runSteady(
  cluster: SoakCluster,
  options: { rate: number; durationMs: number; windowMs: number },
): Promise<SteadyResult> {
  const seeded = await seedQueue(cluster, BACKLOG)
  await startPlaying(cluster)
  const load = new MixedLoad(cluster.system, cluster.operators, seeded)
  const warmup = startTimedProgress('warm-up', WARMUP_MS)
  await runOpenLoop(
    { rate: options.rate, durationMs: WARMUP_MS, maxInFlight: MAX_IN_FLIGHT },
    (n) => load.request(n),
    new WindowRecorder(),
    () => {},
  )
  warmup.stop()
  load.resetCounts()
  const recorder = new WindowRecorder()
  const windows: SteadyWindow[] = []
  const errorSamples = new Set<string>()
  const pid = cluster.server.process.pid
  const stopSampling = everyWindow(options.windowMs, async () => {
    windows.push({
      ...recorder.cut(),
      rssMiB: residentMiB(pid),
      databaseMiB: await databaseMiB(cluster.admin),
      load1: os.loadavg()[0] ?? 0,
    })
  })
  const progress = startTimedProgress(
    `steady mixed load, ${options.rate} req/s`,
    options.durationMs,
  )
  try {
    await runOpenLoop(
      { rate: options.rate, durationMs: options.durationMs, maxInFlight: MAX_IN_FLIGHT },
      (n) => load.request(n),
      recorder,
      (message) => {
        if (errorSamples.size < 5) {
          errorSamples.add(message)
        }
      },
    )
  } finally {
    progress.stop()
    await stopSampling()
  }
  cluster.assertAlive()
  return {
    rate: options.rate,
    durationMs: options.durationMs,
    windows,
    requests: load.counts,
    busyTurns: load.busyTurns,
    errorSamples: [...errorSamples],
  }
}
