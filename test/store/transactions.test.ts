import type pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Database, withTransaction } from '../../src/store/database'
import { storeEngines } from '../support/store-engines'

// withTransaction sends BEGIN with the work's first statement, and Transaction.commitWith
// sends COMMIT with its last one, on PostgreSQL servers (pipelined connections). What was
// committed and what was not must not depend on it.

const ENGINES = storeEngines('tessera-tx', { poolSize: 2 })

describe.each(ENGINES)('transactions on $name', (engine) => {
  let db: Database
  let dispose: () => Promise<void>

  const insert = (q: Pick<pg.ClientBase, 'query'>, id: number) =>
    q.query<{ id: number }>('INSERT INTO notes (id) VALUES ($1) RETURNING id', [id])
  const stored = async () =>
    (await db.pool.query<{ id: number }>('SELECT id FROM notes ORDER BY id')).rows.map(
      (row) => row.id,
    )

  beforeAll(async () => {
    ;({ db, dispose } = await engine.open())
    await db.pool.query('CREATE TABLE notes (id int PRIMARY KEY)')
  })

  beforeEach(async () => {
    await db.pool.query('DELETE FROM notes')
  })

  afterAll(async () => {
    await db?.close()
    await dispose?.()
  })

  it('commits every statement, the last one sent with COMMIT, and answers its result', async () => {
    const last = await withTransaction(db, async (tx) => {
      await insert(tx, 1)
      return tx.commitWith(() => insert(tx, 2))
    })
    expect(last.rows).toEqual([{ id: 2 }])
    expect(await stored()).toEqual([1, 2])
  })

  it('writes nothing when the last statement fails, and the pool keeps serving', async () => {
    await insert(db.pool, 1)
    await expect(
      withTransaction(db, async (tx) => {
        await insert(tx, 2)
        return tx.commitWith(() => insert(tx, 1))
      }),
    ).rejects.toThrow(/duplicate key/)
    expect(await stored()).toEqual([1])
    // Both connections of the pool are still usable, in and out of transactions.
    await Promise.all([insert(db.pool, 3), withTransaction(db, (tx) => insert(tx, 4))])
    expect(await stored()).toEqual([1, 3, 4])
  })

  it('writes nothing when the work fails after its first statement', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await insert(tx, 1)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    await expect(
      withTransaction(db, async (tx) => {
        await insert(tx, 2)
        await insert(tx, 2)
      }),
    ).rejects.toThrow(/duplicate key/)
    expect(await stored()).toEqual([])
  })

  it('commits after a last step that awaits something before it sends its statement', async () => {
    await withTransaction(db, async (tx) =>
      tx.commitWith(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return insert(tx, 1)
      }),
    )
    expect(await stored()).toEqual([1])
  })

  it('refuses a statement sent after the commit, which keeps what it committed', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await tx.commitWith(() => insert(tx, 1))
        await insert(tx, 2)
      }),
    ).rejects.toThrow('a statement was sent after the transaction committed')
    expect(await stored()).toEqual([1])
  })

  it('holds its row locks until the commit that travels with the last statement', async () => {
    await insert(db.pool, 1)
    const order: string[] = []
    let locked: () => void = () => {}
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve
    })
    const first = withTransaction(db, async (tx) => {
      await tx.query('SELECT id FROM notes WHERE id = 1 FOR UPDATE')
      locked()
      await new Promise((resolve) => setTimeout(resolve, 200))
      order.push('first commits')
      return tx.commitWith(() => tx.query('UPDATE notes SET id = 10 WHERE id = 1'))
    })
    await lockTaken
    // Waits for the lock, then finds the row gone (moved to 10): it updates nothing.
    const second = db.pool
      .query('UPDATE notes SET id = 20 WHERE id = 1')
      .then((result) => order.push(`second updated ${result.rowCount}`))
    await Promise.all([first, second])
    expect(order).toEqual(['first commits', 'second updated 0'])
    expect(await stored()).toEqual([10])
  })

  // PGlite has one connection and no pool: only a server's pool can drop one.
  if (engine.name === 'postgres') {
    it('keeps its idle connections through a pause longer than 10 s, so requests after it do not reconnect', async () => {
      // The pool's own upkeep looks at `tasks` every 10 s; without the table that look fails,
      // and pg-pool closes a connection whose query failed.
      await db.pool.query('CREATE TABLE IF NOT EXISTS tasks (id int)')
      // Both connections at once, as a list's page and count take them.
      const backends = async () => {
        const clients = await Promise.all([db.pool.connect(), db.pool.connect()])
        try {
          const results = await Promise.all(
            clients.map((client) =>
              client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
            ),
          )
          return results.map((result) => result.rows[0]?.pid).sort()
        } finally {
          for (const client of clients) {
            client.release()
          }
        }
      }
      const before = await backends()
      // pg-pool closes a connection idle for 10 s unless told otherwise. (Where autovacuum is
      // off, the upkeep's look every 10 s keeps one of the two in use often enough to stay.)
      await new Promise((resolve) => setTimeout(resolve, 11_000))
      expect(await backends()).toEqual(before)
    }, 30_000)
  }
})
