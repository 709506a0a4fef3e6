import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// What /proc says about a process tree (Linux only): CPU time and proportional memory.

/** Clock ticks per second of the CPU times in /proc/<pid>/stat. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

/** Every live process below `pid` (children, grandchildren…), found through their parents. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry)
    const parent = Number.isInteger(child) ? Number(statFields(child)?.[1]) : Number.NaN
    if (Number.isInteger(parent)) {
      children.set(parent, [...(children.get(parent) ?? []), child])
    }
  }
  const found: number[] = []
  const queue = [...(children.get(pid) ?? [])]
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    found.push(next)
    queue.push(...(children.get(next) ?? []))
  }
  return found
}

/**
 * CPU seconds used by `pid` so far, including the children it has reaped: PostgreSQL's
 * short-lived workers (autovacuum, for one) count towards the postmaster once they exit.
 */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid)
  if (!fields) {
    return 0
  }
  // utime, stime, cutime, cstime are fields 14–17 of stat; the slice starts at field 3.
  const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0)
  return ticks / TICKS_PER_SECOND
}

/** Proportional set size in MiB: shared pages count once across the processes sharing them. */
export function pssMiB(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kib = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1])
    return Number.isFinite(kib) ? kib / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** CPU and memory of a process and, apart, of everything it started. */
export interface TreeUsage {
  cpuSeconds: { own: number; children: number }
  pssMiB: { own: number; children: number }
}

/** What `pid` and its descendants use now. */
export function treeUsage(pid: number): TreeUsage {
  const below = descendants(pid)
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
  return {
    cpuSeconds: { own: cpuSeconds(pid), children: sum(below.map(cpuSeconds)) },
    pssMiB: { own: pssMiB(pid), children: sum(below.map(pssMiB)) },
  }
}

/** Live processes whose command name (`/proc/<pid>/comm`) is `name`. */
export function processesNamed(name: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) {
        found.push(Number(entry))
      }
    } catch {
      // Gone since the directory was read.
    }
  }
  return found
}

/**
 * CPU seconds of every PostgreSQL process on this machine: its backends, WAL writer and
 * checkpointer, and through the postmaster the workers it has reaped. Only meaningful while
 * the benchmark has the server to itself.
 */
export function postgresCpuSeconds(): number {
  return processesNamed('postgres').reduce((sum, pid) => sum + cpuSeconds(pid), 0)
}
