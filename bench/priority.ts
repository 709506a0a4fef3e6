import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import pg from 'pg'

/**
 * Raises this process's scheduling priority; the servers it starts inherit it. On a shared
 * machine the benchmark otherwise measures whatever else runs there as much as Tessera.
 * Negative values need root (or CAP_SYS_NICE).
 */
export function raisePriority(nice: number): void {
  if (nice === 0) {
    return
  }
  os.setPriority(0, nice)
  // With autogroup scheduling (the Linux default) the kernel first shares the CPUs between
  // sessions, and a process's own nice value only counts inside its session. The session's
  // value is put back on exit: it is the caller's terminal too.
  if (existsSync(AUTOGROUP)) {
    const before = /nice (-?\d+)/.exec(readFileSync(AUTOGROUP, 'utf8'))?.[1] ?? '0'
    writeFileSync(AUTOGROUP, String(nice))
    process.on('exit', () => writeFileSync(AUTOGROUP, before))
  }
}

const AUTOGROUP = '/proc/self/autogroup'

/**
 * Gives the PostgreSQL backends serving `database` the same priority, re-checking every
 * quarter second: they are children of the postmaster, not of this process, and pools open
 * new ones at any time, yet they do half the work being measured.
 *
 * @returns a function that stops the watch
 */
export function keepBackendsPrioritised(
  adminUrl: string,
  database: string,
  nice: number,
): () => Promise<void> {
  if (nice === 0) {
    return async () => {}
  }
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 })
  admin.on('error', () => {})
  const done = new Set<number>()
  const sweep = async () => {
    const result = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [database],
    )
    for (const { pid } of result.rows) {
      if (!done.has(pid)) {
        try {
          os.setPriority(pid, nice)
          done.add(pid)
        } catch {
          // The backend exited since the query.
        }
      }
    }
  }
  const timer = setInterval(() => void sweep().catch(() => {}), 250)
  return async () => {
    clearInterval(timer)
    await admin.end()
  }
}
