import { execFileSync } from 'node:child_process'
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
  /** The commit measured, marked when src/ had uncommitted changes. */
  commit: string
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

/** "1-minute load average A at the start, B at the end": other work skews every figure. */
export function describeLoad(machine: MachineInfo): string {
  const end = machine.loadAtEnd === undefined ? '?' : machine.loadAtEnd.toFixed(2)
  return `1-minute load average ${machine.loadAtStart.toFixed(2)} at the start, ${end} at the end`
}
