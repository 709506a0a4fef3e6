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
