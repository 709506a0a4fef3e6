import { type Database, lostConnection } from './database'
import { isQueryTimeout } from './database-unavailable'
import {
  insertTasks,
  insertTasksOfEach,
  type TaskInsert,
  type TaskRecord,
  type UnchangedWrite,
  unchangedWriteShape,
  updateTaskIfUnchanged,
  updateTasksIfUnchanged,
} from './tasks'

/**
 * The most writes, and rows, that one combined statement takes: bounds on its size, not
 * tuning knobs. A batch import of a thousand tasks goes alone, as it came.
 */
const MOST_PER_STATEMENT = 64
const MOST_ROWS_PER_STATEMENT = 1000

/** A connection of the pool, held by the combiner for one batch. */
type PoolClient = Awaited<ReturnType<Database['pool']['connect']>>

/** How one kind of write is made alone, and how several of one shape are made together. */
export interface WriteKind<In, Out> {
  /** Writes of the same shape can share a statement. */
  shape(input: In): string
  /**
   * The rows a write touches: two writes that touch the same row never share a statement.
   */
  keys(input: In): string[]
  alone(client: PoolClient, input: In): Promise<Out>
  /**
   * How the write is made where nothing waits for a connection: PGlite has one session,
   * which runs the statements it is sent one after the other anyway
   * (engines/pglite-session-pool.ts).
   */
  outside(db: Database, input: In): Promise<Out>
  /** The answers in the order of `inputs`, each what `alone` would have answered. */
  together(client: PoolClient, inputs: In[]): Promise<Out[]>
}

interface Waiting<In, Out> {
  input: In
  resolve: (written: Out) => void
  reject: (error: unknown) => void
}

/** Writes of one shape waiting for a connection, which all of them will share. */
interface Batch<In, Out> {
  waiting: Waiting<In, Out>[]
  keys: Set<string>
}

/**
 * Writes combined while they wait for a connection: single statements made outside a
 * transaction (below), or whole transactions such as `next` (src/app/play-next.ts). Each write
 * asks the pool for a connection as it would alone; writes of the same shape that arrive
 * before that connection is granted ride along in its statement instead of asking for one
 * of their own. A write that finds a connection free at once goes alone, as before: nothing
 * waits to be combined. Under load, when every connection of the pool is busy, a write no
 * longer costs a statement and a commit of its own.
 *
 * Every write keeps its own outcome: the combined statement answers for each row as it
 * would alone. Should it fail as a whole, each write is made again alone, so that one
 * write's error is never another's.
 */
class CombinedWrites<In, Out> {
  /** By shape: the batch still waiting for its connection, which later writes may join. */
  readonly #open = new Map<string, Batch<In, Out>>()

  constructor(
    private readonly db: Database,
    private readonly kind: WriteKind<In, Out>,
  ) {}

  write(input: In): Promise<Out> {
    if (this.db.engine !== 'postgres') {
      return this.kind.outside(this.db, input)
    }
    return new Promise((resolve, reject) => {
      const shape = this.kind.shape(input)
      const keys = this.kind.keys(input)
      const open = this.#open.get(shape)
      // Two writes of the same task go in separate statements: in one, both would match the
      // row, and both be told they wrote it.
      if (
        open &&
        open.waiting.length < MOST_PER_STATEMENT &&
        open.keys.size + keys.length <= MOST_ROWS_PER_STATEMENT &&
        !keys.some((key) => open.keys.has(key))
      ) {
        open.waiting.push({ input, resolve, reject })
        for (const key of keys) {
          open.keys.add(key)
        }
        return
      }
      const batch: Batch<In, Out> = { waiting: [{ input, resolve, reject }], keys: new Set(keys) }
      this.#open.set(shape, batch)
      void this.#run(shape, batch)
    })
  }

  async #run(shape: string, batch: Batch<In, Out>): Promise<void> {
    let client: PoolClient
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
          const written = await this.kind.together(
            client,
            waiting.map(({ input }) => input),
          )
          for (const [i, { resolve }] of waiting.entries()) {
            resolve(written[i] as Out)
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
          resolve(await this.kind.alone(client, input))
        } catch (error) {
          if (isQueryTimeout(error)) {
            lost = error
          }
          reject(error)
        }
      }
    } finally {
      client.release(lost ?? lostConnection(client))
    }
  }

  /** No later write joins `batch`: its statement is about to be sent. */
  #close(shape: string, batch: Batch<In, Out>): void {
    if (this.#open.get(shape) === batch) {
      this.#open.delete(shape)
    }
  }
}

/** The player's compare-and-set writes (completions, pauses): one row each. */
const UNCHANGED_WRITES: WriteKind<UnchangedWrite, TaskRecord | null> = {
  shape: unchangedWriteShape,
  keys: (input) => [input.after.uid],
  alone: updateTaskIfUnchanged,
  outside: (db, input) => updateTaskIfUnchanged(db.pool, input),
  together: updateTasksIfUnchanged,
}

/** The combined writes of each database, made on first use. */
export function perDatabase<In, Out>(kind: WriteKind<In, Out>) {
  const all = new WeakMap<Database, CombinedWrites<In, Out>>()
  return (db: Database): CombinedWrites<In, Out> => {
    let combined = all.get(db)
    if (!combined) {
      combined = new CombinedWrites(db, kind)
      all.set(db, combined)
    }
    return combined
  }
}

const unchangedWritesOf = perDatabase(UNCHANGED_WRITES)

/**
 * Writes one task if its row is unchanged ({@link updateTaskIfUnchanged}), outside a
 * transaction, sharing a statement with others that wait for a connection with it.
 */
export function updateTaskIfUnchangedCombined(
  db: Database,
  input: UnchangedWrite,
): Promise<TaskRecord | null> {
  return unchangedWritesOf(db).write(input)
}

/** Inserts of tasks into one organization, by any actors. */
const INSERTS: WriteKind<TaskInsert, TaskRecord[]> = {
  shape: (insert) => insert.orgUid,
  keys: (insert) => insert.tasks.map((task) => task.uid),
  alone: (q, insert) => insertTasks(q, insert.orgUid, insert.tasks, insert.events, insert.actorUid),
  outside: (db, insert) =>
    insertTasks(db.pool, insert.orgUid, insert.tasks, insert.events, insert.actorUid),
  together: insertTasksOfEach,
}

const insertsOf = perDatabase(INSERTS)

/**
 * Inserts tasks ({@link insertTasks}) outside a transaction, sharing a statement with other
 * inserts into the organization that wait for a connection with it.
 */
export function insertTasksCombined(db: Database, insert: TaskInsert): Promise<TaskRecord[]> {
  return insertsOf(db).write(insert)
}
