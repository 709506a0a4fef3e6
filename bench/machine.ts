import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The machine a run happened on, for the README. */
export interface MachineInfo {
  cpus: number
  cpuModel: string
  ramGiB: number
  node: string
  os: string
  /** 1-minute load averages at the start and end: other work on the box skews every figure. */
  loadAtStart: number
  loadAtEnd?: number
  /** The CPUs' time counters when the run started (Linux), to tell what the host took. */
  cpuAtStart?: CpuTimes | null
  /** The commit measured, marked when src/ had uncommitted changes. */
  commit: string
}

/** All CPUs' time since boot, and the part of it the hypervisor gave to other guests (steal). */
export interface CpuTimes {
  total: number
  steal: number
}

/** The machine's CPU time counters (the `cpu` line of /proc/stat), or null off Linux. */
export function readCpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
    if (ticks.length < 8 || ticks.some((n) => !Number.isFinite(n))) {
      return null
    }
    return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 }
  } catch {
    return null
  }
}

/**
 * The share of the CPUs' time since `mark` that the hypervisor gave to other guests: on a
 * shared VM, the one figure that says the host, not the code, made a run slow. Null when
 * unknown or when no time has passed.
 */
export function stealSince(mark: CpuTimes | null | undefined, now = readCpuTimes()): number | null {
  if (!mark || !now || now.total <= mark.total) {
    return null
  }
  return (now.steal - mark.steal) / (now.total - mark.total)
}

function git(args: string[]): string {
  return execFileSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim()
}

/** The checked-out commit, and whether the code under test differs from it. */
function describeCommit(): string {
  try {
    const dirty = git(['status', '--porcelain', '--', 'src']) !== ''
    return `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' with uncommitted changes in src/' : ''}`
  } catch {
    return 'unknown (not a git checkout)'
  }
}

/** Describes this machine. */
export function describeMachine(): MachineInfo {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAtStart: os.loadavg()[0] ?? 0,
    cpuAtStart: readCpuTimes(),
    commit: describeCommit(),
  }
}

/**
 * Where a section's figures come from, as every benchmark's README section opens:
 * "Commit …, run on … UTC on N CPUs (…), … GiB RAM, <OS>, Node …".
 */
export function describeRun(machine: MachineInfo, date: Date): string {
  const when = date.toISOString().slice(0, 16).replace('T', ' ')
  return `Commit ${machine.commit}, run on ${when} UTC on ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, ${machine.os}, Node ${machine.node}`
}

/**
 * "1-minute load average A at the start, B at the end", and on a VM whose host took CPU time
 * from it, how much ("; the host took N% of the CPUs' time (steal)"): other work skews every
 * figure, and steal is other guests' work the load average does not show.
 */
export function describeLoad(machine: MachineInfo, now = readCpuTimes()): string {
  const end = machine.loadAtEnd === undefined ? '?' : machine.loadAtEnd.toFixed(2)
  const load = `1-minute load average ${machine.loadAtStart.toFixed(2)} at the start, ${end} at the end`
  const steal = stealSince(machine.cpuAtStart, now)
  return steal === null || steal < 0.005
    ? load
    : `${load}; the host took ${Math.round(steal * 100)}% of the CPUs' time (steal)`
}
