import { Worker } from 'node:worker_threads'

/** PGlite running on a thread of its own (pglite-worker.mjs). */
export interface PgliteThread {
  /** Runs wire-protocol messages, in the order given; resolves with the engine's reply. */
  exec(bytes: Uint8Array): Promise<Uint8Array>
  /** Closes the database and ends the thread. */
  close(): Promise<void>
}

type WorkerReply =
  | { type: 'ready' | 'closed' }
  | { type: 'reply'; bytes: Uint8Array }
  | { type: 'failed'; message: string }

interface Waiting {
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

/**
 * Opens PGlite on `dataDir` in a worker thread. PGlite is PostgreSQL compiled to WebAssembly:
 * in the server's own thread, every statement's execution stopped the HTTP work of every
 * other request. On its own thread the engine runs while the server parses, validates and
 * answers, and the two use two CPUs.
 */
export function startPgliteThread(dataDir: string): Promise<PgliteThread> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
  })
  const waiting: Waiting[] = []
  let broken: Error | null = null
  let closed: (() => void) | null = null
  const fail = (error: Error) => {
    broken ??= error
    for (const next of waiting.splice(0)) {
      next.reject(error)
    }
  }
  return new Promise((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        resolve(thread)
      } else if (reply.type === 'closed') {
        closed?.()
      } else if (reply.type === 'reply') {
        waiting.shift()?.resolve(reply.bytes)
      } else if (reply.type === 'failed') {
        waiting.shift()?.reject(new Error(`PGlite failed: ${reply.message}`))
      }
    })
    worker.on('error', (error) => {
      fail(error)
      reject(error)
    })
    worker.on('exit', (code) => {
      fail(new Error(`PGlite's thread exited (code ${code})`))
      reject(broken)
      closed?.()
    })
    const thread: PgliteThread = {
      exec(bytes) {
        if (broken) {
          return Promise.reject(broken)
        }
        return new Promise((resolveReply, rejectReply) => {
          waiting.push({ resolve: resolveReply, reject: rejectReply })
          // Copied, not transferred: a small Buffer's memory is a slice of Node's shared pool.
          worker.postMessage({ type: 'exec', bytes })
        })
      },
      close() {
        if (broken) {
          return Promise.resolve()
        }
        return new Promise((resolveClosed) => {
          closed = resolveClosed
          worker.postMessage({ type: 'close' })
        })
      },
    }
  })
}
