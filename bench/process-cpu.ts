import { readdirSync, readFileSync } from 'node:fs'

// CPU time by process, from /proc (Linux): how much of the machine each side of a benchmark
// spends per operation. Throughput on two cores swings ±10% from run to run; CPU per task
// moves far less, and says which process a change made cheaper.

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the bench runs on. */
const TICKS_PER_SECOND = 100

/** CPU time a process has used, in milliseconds. */
export interface CpuTime {
  userMs: number
  systemMs: number
}

/** The process's CPU time so far, or null (no /proc, or it has exited). */
export function processCpu(pid: number): CpuTime | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name in parentheses may hold spaces: the fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const tick = 1000 / TICKS_PER_SECOND
  return { userMs: Number(fields[11]) * tick, systemMs: Number(fields[12]) * tick }
}

/** The PostgreSQL processes of this machine (backends, WAL writer, checkpointer…). */
function postgresPids(): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    if (!/^\d+$/.test(entry)) {
      return []
    }
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      return command.startsWith('postgres') ? [Number(entry)] : []
    } catch {
      return []
    }
  })
}

/** CPU time by process at one moment. */
export type CpuSnapshot = Map<number, CpuTime>

/** The CPU time of `pids` and of every PostgreSQL process, now. */
export function snapshotCpu(pids: number[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map()
  for (const pid of [...pids, ...postgresPids()]) {
    const time = processCpu(pid)
    if (time) {
      snapshot.set(pid, time)
    }
  }
  return snapshot
}

/**
 * Milliseconds of CPU the processes matching `which` used between two snapshots. A process
 * started in between counts from zero; one that exited is lost (the phases' pools outlive
 * their windows, so their backends are in both).
 */
export function cpuBetween(
  start: CpuSnapshot,
  end: CpuSnapshot,
  which: (pid: number) => boolean,
): number {
  let total = 0
  for (const [pid, time] of end) {
    if (!which(pid)) {
      continue
    }
    const before = start.get(pid) ?? { userMs: 0, systemMs: 0 }
    total += time.userMs - before.userMs + time.systemMs - before.systemMs
  }
  return total
}
