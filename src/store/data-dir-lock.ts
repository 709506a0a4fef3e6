import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Thrown when another live process already holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    // A pid reused by an unrelated process after a reboot would hold the directory forever:
    // the message names the lock file to delete then.
    super(
      `Another Tessera server (process ${pid}) runs on ${dataDir}: stop it, or use another --data directory (if no such process is Tessera, delete ${join(dataDir, 'tessera.pid')}).`,
    )
    this.name = 'DataDirLockedError'
  }
}

/** Whether process `pid` exists, whoever it belongs to. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

/** The lock file's content, or null if there is none. */
function readLock(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return null
    }
    throw error
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone.
  }
}

/**
 * Creates the lock file holding our pid, or returns false if one exists. The pid is written
 * to a file of our own first and then hard-linked into place, so a lock file is never seen
 * empty: with O_EXCL then write, a process starting at the same instant could read the
 * empty file, judge it stale and delete a live lock.
 */
function tryCreate(path: string): boolean {
  const own = `${path}.${process.pid}.tmp`
  writeFileSync(own, String(process.pid))
  try {
    linkSync(own, path)
    return true
  } catch (error) {
    if (errorCode(error) === 'EEXIST') {
      return false
    }
    throw error
  } finally {
    removeQuietly(own)
  }
}

/** Blocks for `ms`: the lock is taken synchronously, once, at start-up. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Removes a stale lock file, unless it has changed meanwhile. Only the holder of a second,
 * short-lived lock (the takeover guard) may remove one: without it, a process that judged
 * the file stale could delete a lock another process had just taken over, and both would
 * run. While the guard is held, the stale file can only be removed by its holder.
 */
function removeStale(path: string, staleContent: string): void {
  const guard = `${path}.takeover`
  if (!tryCreate(guard)) {
    const guardHolder = Number.parseInt(readLock(guard) ?? '', 10)
    if (Number.isInteger(guardHolder) && !isAlive(guardHolder)) {
      // A process died in the middle of a takeover, which lasts microseconds.
      removeQuietly(guard)
    }
    pause(10)
    return
  }
  try {
    if (readLock(path) === staleContent) {
      removeQuietly(path)
    }
  } finally {
    removeQuietly(guard)
  }
}

/**
 * Takes an exclusive, process-wide lock on a data directory.
 *
 * PGlite itself does not lock its directory, and two processes writing one directory
 * corrupt it; the embedded PostgreSQL must be started and stopped by one owner. The lock is a pid file that only one process can create; a file left by a
 * process that died (kill -9, power loss) is recognised by its dead pid and taken over at
 * once, so a crash never needs manual clean-up.
 *
 * @returns a function that releases the lock
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'tessera.pid')
  for (let attempt = 0; attempt < 100; attempt++) {
    if (tryCreate(path)) {
      return () => {
        // Only our own lock: never one another process took after ours was removed.
        if (readLock(path) === String(process.pid)) {
          removeQuietly(path)
        }
      }
    }
    const content = readLock(path)
    if (content === null) {
      continue
    }
    const holder = Number.parseInt(content, 10)
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new DataDirLockedError(dataDir, holder)
    }
    removeStale(path, content)
  }
  throw new Error(`Could not lock the data directory ${dataDir}`)
}
