import pg from 'pg'
import type { DatabasePool } from '../database'
import type { PgliteConnection } from './pglite-connection'

/**
 * The pool of a PGlite database: its one session, behind one pipelined client. PGlite runs
 * on a thread of its own (pglite-thread.ts), so a pool that waited for each statement's answer
 * before handing the session to the next would leave the engine idle while this thread gets
 * around to reading that answer. Here a statement outside a transaction is sent at once,
 * behind those still running: the engine always has the next one. A transaction (`connect`)
 * has the session to itself until released; statements and transactions asked for meanwhile
 * wait their turn, in order.
 */
export class PgliteSessionPool implements DatabasePool {
  readonly #client: pg.Client
  /** Settles once every transaction holding or waiting for the session has released it. */
  #busy: Promise<void> | null = null
  #waiting = 0
  #held = false

  constructor(connection: PgliteConnection) {
    // pg's Client takes the connection it is given; its types do not declare that option.
    this.#client = new pg.Client({ connection, pipeline: true } as pg.ClientConfig)
    // Only a dead engine thread ends the session; every statement in flight and after fails
    // with it, so there is nothing more to do with the event (unheard, it would end the process).
    this.#client.on('error', () => {})
  }

  /** Opens the session; statements may be sent before it has answered. */
  async open(): Promise<void> {
    await this.#client.connect()
  }

  readonly options = { max: 1 }

  get totalCount(): number {
    return 1
  }

  get idleCount(): number {
    return this.#held ? 0 : 1
  }

  get waitingCount(): number {
    return this.#waiting
  }

  // Typed as pg's overloads, which a rest-parameter wrapper cannot spell out.
  readonly query = ((...args: Parameters<pg.Client['query']>) => {
    if (this.#busy === null) {
      return this.#client.query(...args)
    }
    return this.#afterTransactions(() => this.#client.query(...args))
  }) as pg.Pool['query']

  /** Waits for the session, then holds it until `release()`. */
  async connect(): Promise<pg.PoolClient> {
    const before = this.#busy
    let release = () => {}
    const mine = new Promise<void>((resolve) => {
      release = resolve
    })
    const busy = (before ?? Promise.resolve()).then(() => mine)
    this.#busy = busy
    void busy.then(() => {
      if (this.#busy === busy) {
        this.#busy = null
      }
    })
    if (before) {
      this.#waiting += 1
      await before
      this.#waiting -= 1
    }
    this.#held = true
    const client = this.#client as pg.PoolClient
    let released = false
    // One holder at a time, so the one client carries the current holder's release.
    client.release = () => {
      if (!released) {
        released = true
        this.#held = false
        release()
      }
    }
    return client
  }

  async end(): Promise<void> {
    await this.#busy
    await this.#client.end()
  }

  async #afterTransactions(send: () => unknown): Promise<unknown> {
    this.#waiting += 1
    try {
      while (this.#busy) {
        await this.#busy
      }
    } finally {
      this.#waiting -= 1
    }
    return send()
  }
}
