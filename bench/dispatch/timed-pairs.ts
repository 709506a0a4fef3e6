import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { startTimedProgress } from '../progress'
import { cpuSeconds, postgresCpuSeconds } from '../startup/processes'
import { type PhaseStats, summarise } from '../stats'
import { markWal, type TaskWal, type WalMark, walPerTask } from './wal-marks'

/** One dispatch cycle of a worker: the claim (timed on its own), then the completion. */
export interface Cycle {
  claim: (worker: number) => Promise<string>
  complete: (worker: number, uid: string) => Promise<void>
}

/** What a dispatch phase measured. */
export interface DispatchStats {
  /** Claim + complete cycles: the rate is tasks handed out and finished per second. */
  cycles: PhaseStats
  /** The claim alone (`next`, or the raw SKIP LOCKED statement). */
  claim: PhaseStats
  /** Distinct tasks claimed in the whole phase, warm-up included, and claims made. */
  distinct: number
  claims: number
  /** CPU milliseconds per task of the measured window, by process; null without /proc. */
  cpu: TaskCpu | null
  /** WAL and writing transactions per task of the measured window, over the whole cluster. */
  wal: TaskWal | null
}

/** Who a phase watches besides its own clock. */
export interface PhaseWatch {
  /** The HTTP server the cycles call, whose CPU is counted apart. */
  serverPid?: number
  /** A pool of its own to read WAL marks on, outside the load's (none on PGlite). */
  database?: pg.Pool
}

/** CPU milliseconds spent per task finished, user and system time together. */
export interface TaskCpu {
  /** The HTTP server's process (none for the raw SQL phases: the bench is their client). */
  server: number | null
  /** Every PostgreSQL process: the backends, and the WAL writer and checkpointer. */
  postgres: number
  /** This process, which drives the load. */
  bench: number
}

/** CPU seconds used so far by each side of a phase. */
interface CpuSnapshot {
  server: number | null
  postgres: number
  bench: number
}

function snapshotCpu(serverPid: number | undefined): CpuSnapshot {
  return {
    server: serverPid === undefined ? null : cpuSeconds(serverPid),
    postgres: postgresCpuSeconds(),
    bench: cpuSeconds(process.pid),
  }
}

/** CPU per task between two snapshots, or null when /proc showed nothing. */
function cpuPerTask(
  start: CpuSnapshot | undefined,
  end: CpuSnapshot,
  tasks: number,
): TaskCpu | null {
  if (!start || tasks === 0 || end.bench === 0) {
    return null
  }
  const ms = (before: number, after: number) => ((after - before) * 1000) / tasks
  return {
    server: start.server === null || end.server === null ? null : ms(start.server, end.server),
    postgres: ms(start.postgres, end.postgres),
    bench: ms(start.bench, end.bench),
  }
}

/**
 * Runs `workers` closed loops of claim → complete for warm-up + duration and measures the
 * cycles and claims that fall entirely inside the window after the warm-up. Every uid
 * claimed is kept, so the caller can see that none was handed out twice.
 */
export async function runCycles(
  label: string,
  workers: number,
  timing: { warmupMs: number; durationMs: number },
  cycle: Cycle,
  watch: PhaseWatch,
): Promise<DispatchStats> {
  const { serverPid, database } = watch
  const progress = startTimedProgress(
    `${label}, ${workers} operators`,
    timing.warmupMs + timing.durationMs,
  )
  const windowStart = performance.now() + timing.warmupMs
  const windowEnd = windowStart + timing.durationMs
  const cycleMs: number[] = []
  const claimMs: number[] = []
  const claimed: string[] = []
  let cpuAtStart: CpuSnapshot | undefined
  let cpuAtEnd: CpuSnapshot | undefined
  let walAtStart: Promise<WalMark> | undefined
  let walAtEnd: Promise<WalMark> | undefined
  // Read when the window opens and closes, awaited at the end: a failure is thrown there,
  // not reported meanwhile as an unhandled rejection.
  const markNow = () => {
    const mark = database && markWal(database)
    mark?.catch(() => undefined)
    return mark
  }
  const startWatch = setTimeout(() => {
    cpuAtStart = snapshotCpu(serverPid)
    walAtStart = markNow()
  }, timing.warmupMs)
  const endWatch = setTimeout(() => {
    cpuAtEnd = snapshotCpu(serverPid)
    walAtEnd = markNow()
  }, timing.warmupMs + timing.durationMs)
  const worker = async (slot: number) => {
    while (performance.now() < windowEnd) {
      const began = performance.now()
      const uid = await cycle.claim(slot)
      const gotIt = performance.now()
      claimed.push(uid)
      await cycle.complete(slot, uid)
      const ended = performance.now()
      if (began >= windowStart && gotIt <= windowEnd) {
        claimMs.push(gotIt - began)
      }
      if (began >= windowStart && ended <= windowEnd) {
        cycleMs.push(ended - began)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: workers }, (_, slot) => worker(slot)))
  } finally {
    progress.stop()
    clearTimeout(startWatch)
    clearTimeout(endWatch)
  }
  // A busy loop can run its timer late, after the last cycle: the window ends now, then.
  cpuAtEnd ??= snapshotCpu(serverPid)
  walAtEnd ??= markNow()
  const seconds = timing.durationMs / 1000
  return {
    cpu: cpuPerTask(cpuAtStart, cpuAtEnd, cycleMs.length),
    wal:
      walAtStart && walAtEnd ? walPerTask(await walAtStart, await walAtEnd, cycleMs.length) : null,
    cycles: summarise(cycleMs, seconds),
    claim: summarise(claimMs, seconds),
    distinct: new Set(claimed).size,
    claims: claimed.length,
  }
}
