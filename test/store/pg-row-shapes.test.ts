import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedStore, storeEngines } from '../support/store-engines'

// src/store/pg-row-shapes.ts hands every result of a shape a connection has seen the same
// empty row and parsers. Rows must still come out exactly as pg would make them.

// One connection: every statement meets the shapes the ones before it left.
const ENGINES = storeEngines('tessera-shapes', { poolSize: 1 })
const SERVER = ENGINES.find((engine) => engine.name === 'postgres')

/** pg's internal empty row of a result, which the shapes are about. */
const emptyRowOf = (result: pg.QueryResult) =>
  (result as unknown as { _prebuiltEmptyResultObject: object | null })._prebuiltEmptyResultObject

describe.each(ENGINES)('result rows on $name', (engine) => {
  let opened: OpenedStore

  beforeAll(async () => {
    opened = await engine.open()
    await opened.db.pool.query(
      `CREATE TABLE shapes (id int PRIMARY KEY, title text, at timestamptz, n bigint, tags text[])`,
    )
    await opened.db.pool.query(
      `INSERT INTO shapes VALUES (1, 'one', '2026-01-02T03:04:05.678Z', 9007199254740, '{a,b}'),
                                 (2, NULL, NULL, NULL, NULL)`,
    )
  })

  afterAll(async () => {
    await opened?.db.close()
    await opened?.dispose()
  })

  it('are the same, with every column parsed, the first time and every time after', async () => {
    const expected = [
      {
        id: 1,
        title: 'one',
        at: new Date('2026-01-02T03:04:05.678Z'),
        n: 9007199254740,
        tags: ['a', 'b'],
      },
      { id: 2, title: null, at: null, n: null, tags: null },
    ]
    const results = []
    for (let i = 0; i < 3; i++) {
      const result = await opened.db.pool.query({
        name: 'shapes.all',
        text: 'SELECT id, title, at, n, tags FROM shapes ORDER BY id',
      })
      expect(result.rows).toEqual(expected)
      expect(Object.keys(result.rows[0])).toEqual(['id', 'title', 'at', 'n', 'tags'])
      expect(result.fields.map((field) => field.name)).toEqual(['id', 'title', 'at', 'n', 'tags'])
      results.push(result)
    }
    // The shape was reused: this fails if an upgrade of pg stops calling what it replaces.
    expect(emptyRowOf(results[1] as pg.QueryResult)).toBe(emptyRowOf(results[0] as pg.QueryResult))
    expect(emptyRowOf(results[2] as pg.QueryResult)).toBe(emptyRowOf(results[0] as pg.QueryResult))
  })

  it('tells apart results whose first column is the same and whose others are not', async () => {
    const { pool } = opened.db
    for (let i = 0; i < 2; i++) {
      expect((await pool.query('SELECT id, title FROM shapes WHERE id = 1')).rows).toEqual([
        { id: 1, title: 'one' },
      ])
      expect((await pool.query('SELECT id, at FROM shapes WHERE id = 1')).rows).toEqual([
        { id: 1, at: new Date('2026-01-02T03:04:05.678Z') },
      ])
      expect((await pool.query('SELECT id, title, n FROM shapes WHERE id = 1')).rows).toEqual([
        { id: 1, title: 'one', n: 9007199254740 },
      ])
      expect((await pool.query('SELECT id FROM shapes WHERE id = 1')).rows).toEqual([{ id: 1 }])
    }
  })

  it('tells apart columns of one name and different types', async () => {
    const { pool } = opened.db
    for (let i = 0; i < 2; i++) {
      expect((await pool.query('SELECT 7 AS v')).rows).toEqual([{ v: 7 }])
      expect((await pool.query(`SELECT '7'::text AS v`)).rows).toEqual([{ v: '7' }])
      expect((await pool.query(`SELECT '2026-01-02'::date::timestamptz AS v`)).rows[0].v).toEqual(
        expect.any(Date),
      )
      expect((await pool.query('SELECT true AS v')).rows).toEqual([{ v: true }])
    }
  })
})

if (SERVER) {
  describe('result rows on a connection with type parsers of its own', () => {
    let opened: OpenedStore

    beforeAll(async () => {
      opened = await SERVER.open()
    })

    afterAll(async () => {
      await opened?.db.close()
      await opened?.dispose()
    })

    it('use its parsers, and other connections theirs', async () => {
      const own = new pg.Client({
        connectionString: opened.url,
        types: {
          getTypeParser: (oid: number, format?: string) =>
            oid === pg.types.builtins.TEXT
              ? (value: string) => `own:${value}`
              : pg.types.getTypeParser(oid, format as 'text'),
        },
      })
      await own.connect()
      try {
        for (let i = 0; i < 2; i++) {
          const text = `SELECT 1 AS id, 'one'::text AS title`
          expect((await opened.db.pool.query(text)).rows).toEqual([{ id: 1, title: 'one' }])
          expect((await own.query(text)).rows).toEqual([{ id: 1, title: 'own:one' }])
        }
      } finally {
        await own.end()
      }
    })
  })
}
