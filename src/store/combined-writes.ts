import type { Database } from './database'
import { isQueryTimeout } from './database-unavailable'
import {
  type TaskRecord,
  type UnchangedWrite,
  unchangedWriteShape,
  updateTaskIfUnchanged,
  updateTasksIfUnchanged,
} from './tasks'

/** The most writes one statement takes: a bound on its size, not a tuning knob. */
const MOST_PER_STATEMENT = 64

interface Waiting {
  input: UnchangedWrite
  resolve: (written: TaskRecord | null) => void
  reject: (error: unknown) => void
}

/** Writes of one shape waiting for a connection, which all of them will share. */
interface Batch {
  waiting: Waiting[]
  uids: Set<string>
}

/**
 * Compare-and-set writes made outside a transaction (the player's completions, pauses),
 * combined while they wait for a connection. Each write asks the pool for a connection as it
 * would alone; writes of the same shape that arrive before that connection is granted ride
 * along in its statement instead of asking for one of their own. A write that finds a
 * connection free at once goes alone, as before: nothing waits to be combined. Under load,
 * when the pool's connections are all busy, a completion no longer costs a statement and a
 * commit of its own.
 *
 * Every write keeps its own outcome: the statement checks each row's version (and fields
 * version, and that it is still the operator's current task) separately, so one stale row
 * is left out and answered null, as alone, while the others are written. Should the combined
 * statement fail as a whole, each write is made again alone, so that one write's error is
 * never another's.
 */
export class CombinedWrites {
  /** By shape: the batch still waiting for its connection, which later writes may join. */
  readonly #open = new Map<string, Batch>()

  constructor(private readonly db: Database) {}

  write(input: UnchangedWrite): Promise<TaskRecord | null> {
    // PGlite has one session, which runs the statements it is sent one after the other
    // anyway (engines/pglite-session-pool.ts): nothing waits for a connection there.
    if (this.db.engine !== 'postgres') {
      return updateTaskIfUnchanged(this.db.pool, input)
    }
    return new Promise((resolve, reject) => {
      const shape = unchangedWriteShape(input)
      const open = this.#open.get(shape)
      // A second write of the same task goes in a later statement: in one, both would match
      // the row and both be told they wrote it.
      if (open && open.waiting.length < MOST_PER_STATEMENT && !open.uids.has(input.after.uid)) {
        open.waiting.push({ input, resolve, reject })
        open.uids.add(input.after.uid)
        return
      }
      const batch: Batch = {
        waiting: [{ input, resolve, reject }],
        uids: new Set([input.after.uid]),
      }
      this.#open.set(shape, batch)
      void this.#run(shape, batch)
    })
  }

  async #run(shape: string, batch: Batch): Promise<void> {
    let client: Awaited<ReturnType<Database['pool']['connect']>>
    try {
      client = await this.db.pool.connect()
    } catch (error) {
      this.#close(shape, batch)
      for (const { reject } of batch.waiting) {
        reject(error)
      }
      return
    }
    this.#close(shape, batch)
    const { waiting } = batch
    // A connection whose statement timed out still waits for that answer: it is thrown
    // away, not handed to the next caller (as withTransaction does), and nothing more is
    // sent on it.
    let lost: Error | undefined
    try {
      if (waiting.length > 1) {
        try {
          const written = await updateTasksIfUnchanged(
            client,
            waiting.map(({ input }) => input),
          )
          for (const [i, { resolve }] of waiting.entries()) {
            resolve(written[i] ?? null)
          }
          return
        } catch (error) {
          if (isQueryTimeout(error)) {
            lost = error
          }
        }
      }
      for (const { input, resolve, reject } of waiting) {
        if (lost) {
          reject(lost)
          continue
        }
        try {
          resolve(await updateTaskIfUnchanged(client, input))
        } catch (error) {
          if (isQueryTimeout(error)) {
            lost = error
          }
          reject(error)
        }
      }
    } finally {
      client.release(lost)
    }
  }

  /** No later write joins `batch`: its statement is about to be sent. */
  #close(shape: string, batch: Batch): void {
    if (this.#open.get(shape) === batch) {
      this.#open.delete(shape)
    }
  }
}

const combiners = new WeakMap<Database, CombinedWrites>()

/** The combined writes of `db`, one per database. */
export function combinedWritesOf(db: Database): CombinedWrites {
  let combined = combiners.get(db)
  if (!combined) {
    combined = new CombinedWrites(db)
    combiners.set(db, combined)
  }
  return combined
}
