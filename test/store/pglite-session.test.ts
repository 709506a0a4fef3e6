import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/store/database'

// PGlite has one session, shared by every statement of the server and pipelined
// (src/store/engines/pglite-session-pool.ts): these are the promises that sharing must keep.
describe('PGlite: the one session', () => {
  let dataDir: string
  let db: Database

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pglite-session-'))
    db = await openDatabase({ dataDir, engine: 'pglite' })
    await db.pool.query(
      'CREATE TABLE marks (n integer NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())',
    )
  })

  afterAll(async () => {
    await db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps a statement sent during a transaction out of it: it runs after, and sees none of a rollback', async () => {
    const client = await db.pool.connect()
    await client.query('BEGIN')
    await client.query('INSERT INTO marks (n) VALUES (1)')
    const outside = db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM marks')
    // Still waiting for the session, which the transaction holds.
    const early = await Promise.race([
      outside.then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 200)),
    ])
    expect(early).toBe('waiting')
    await client.query('ROLLBACK')
    client.release()
    expect((await outside).rows[0]?.count).toBe(0)
  })

  it('answers statements sent together in the order sent, each on its own, though one of them fails', async () => {
    const sent = [
      db.pool.query('INSERT INTO marks (n) VALUES (1)'),
      db.pool.query('INSERT INTO marks (n) VALUES (NULL)'),
      db.pool.query('INSERT INTO marks (n) VALUES (3)'),
      db.pool.query<{ n: number }>('SELECT n FROM marks ORDER BY n'),
    ]
    const settled = await Promise.allSettled(sent)
    expect(settled.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ])
    const last = settled[3]
    expect(last?.status === 'fulfilled' && last.value.rows.map((row) => row.n)).toEqual([1, 3])
  })

  it('hands transactions the session one after the other, in the order asked', async () => {
    await db.pool.query('DELETE FROM marks')
    const first = await db.pool.connect()
    const second = db.pool.connect().then(async (client) => {
      await client.query('INSERT INTO marks (n) VALUES (2)')
      client.release()
    })
    await first.query('BEGIN')
    await first.query('INSERT INTO marks (n) VALUES (1)')
    await new Promise((resolve) => setTimeout(resolve, 100))
    await first.query('COMMIT')
    first.release()
    await second
    const { rows } = await db.pool.query<{ n: number }>('SELECT n FROM marks ORDER BY at')
    expect(rows.map((row) => row.n)).toEqual([1, 2])
  })

  it('tells a listener what the session itself notified, once committed', async () => {
    const heard: string[] = []
    const unlisten = await db.listen('pglite_session_test', (payload) => heard.push(payload))
    await db.pool.query("SELECT pg_notify('pglite_session_test', 'one')")
    await unlisten()
    await db.pool.query("SELECT pg_notify('pglite_session_test', 'two')")
    expect(heard).toEqual(['one'])
  })

  it('keeps nothing of a reply once answered: memory does not grow with the statements run', async () => {
    // Each answer holds 64 KB: kept, 4,000 of them would be 256 MB more.
    const run = async (statements: number) => {
      for (let sent = 0; sent < statements; sent += 100) {
        await Promise.all(
          Array.from({ length: 100 }, () => db.pool.query("SELECT repeat('x', 65536) AS big")),
        )
      }
    }
    await run(1_000)
    const before = process.memoryUsage().rss
    await run(4_000)
    const grown = (process.memoryUsage().rss - before) / 2 ** 20
    expect(grown).toBeLessThan(96)
  })
})
