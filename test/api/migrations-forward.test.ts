import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { type Database, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const MIGRATIONS_DIR = join(ROOT, 'src/store/migrations')
const FIXTURES_DIR = join(ROOT, 'test/support/migration-fixtures')
// A fresh database, a migration at a time, and a server start: slow on a loaded machine.
const SLOW = 10 * 60_000

/** Every migration, read from the directory so that a new one is covered without asking. */
const MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((file) => file.endsWith('.sql'))
  .map((file) => file.slice(0, -'.sql'.length))
  .sort()

const fixturePath = (migration: string) => join(FIXTURES_DIR, `${migration}.sql`)

const engines = inject('engines')
const adminUrl = engines.find((e) => e.name === 'postgres')?.databaseUrl

/** Every row of every table, keyed by table then primary key, each value in its text form. */
type Contents = Map<string, Map<string, Record<string, string | null>>>

/** Each table's primary key columns, in order (null: no primary key). */
type Keys = Map<string, string[] | null>

async function primaryKeys(db: Database): Promise<Keys> {
  const tables = await db.pool.query<{ name: string; key: string[] | null }>(
    `SELECT c.relname AS name,
       (SELECT array_agg(a.attname::text ORDER BY k.position)
        FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, position)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = c.oid AND i.indisprimary) AS key
     FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
       AND c.relname <> 'schema_migrations'`,
  )
  return new Map(tables.rows.map(({ name, key }) => [name, key]))
}

/**
 * Rows are keyed by the primary keys in `keys`, read before migrating: a migration may widen
 * a key (0022 added org_uid to several), and the rows must still be found by their old one.
 */
async function readContents(db: Database, keys: Keys): Promise<Contents> {
  const contents: Contents = new Map()
  for (const [name, key] of await primaryKeys(db)) {
    const keyColumns = keys.has(name) ? keys.get(name) : key
    // Text forms, as PostgreSQL prints them: exact for bigints and nested JSON alike.
    const rows = await db.pool.query<{ row: Record<string, string | null> }>(
      `SELECT (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each_text(to_jsonb(t)) AS e)
         AS row
       FROM ${pg.escapeIdentifier(name)} AS t`,
    )
    contents.set(
      name,
      new Map(
        rows.rows.map(({ row }) => [
          JSON.stringify(keyColumns ? keyColumns.map((column) => row[column]) : row),
          row,
        ]),
      ),
    )
  }
  return contents
}

/**
 * Every row there before is there after, with every value it had (migrations may add
 * columns and rows). A migration that changes stored values on purpose must say so here,
 * next to the columns it rewrites.
 */
function expectPreserved(before: Contents, after: Contents): void {
  for (const [table, rows] of before) {
    const later = after.get(table)
    expect(later, `table ${table} is gone`).toBeDefined()
    for (const [key, row] of rows) {
      const found = later?.get(key)
      expect(found, `${table} ${key} was lost`).toBeDefined()
      const kept = Object.fromEntries(Object.keys(row).map((column) => [column, found?.[column]]))
      expect(kept, `${table} ${key}`).toEqual(row)
    }
  }
}

/** The tasks of the `fixture` organization as stored, to compare with what the API serves. */
async function storedTasks(db: Database) {
  const tasks = await db.pool.query<{
    uid: string
    status: string
    archived: boolean
    fields: Record<string, unknown>
    due_at: Date
    comments: number
    events: number
  }>(
    `SELECT t.uid, t.status, t.archived, t.fields, t.due_at,
       (SELECT count(*) FROM task_comments c WHERE c.org_uid = t.org_uid AND c.task_uid = t.uid)
         AS comments,
       (SELECT count(*) FROM task_events e WHERE e.org_uid = t.org_uid AND e.task_uid = t.uid)
         AS events
     FROM tasks t JOIN organizations o ON o.uid = t.org_uid
     WHERE o.name = 'fixture' ORDER BY t.uid`,
  )
  return tasks.rows
}

describe('migration fixtures', () => {
  it('cover every migration, so that each new one comes with rows to carry forward', () => {
    const missing = MIGRATIONS.filter((migration) => !existsSync(fixturePath(migration)))
    expect(missing, 'add test/support/migration-fixtures/<migration>.sql').toEqual([])
  })
})

describe.each(engines)('migrations forward on $name', (engine) => {
  let instance: FreshInstance | undefined
  let server: ServerProcess | undefined
  afterEach(async () => {
    await server?.stop({ kill: true })
    await instance?.drop()
    server = undefined
    instance = undefined
  }, SLOW)

  it.each(MIGRATIONS)(
    'carries a database populated up to %s forward without loss, and serves its tasks',
    { timeout: SLOW },
    async (version) => {
      instance = await createFreshInstance(engine.name, adminUrl, 'migrate_forward')
      const db = await openDatabase(instance.location, { poolSize: 1 })
      let token: string
      let tasks: Awaited<ReturnType<typeof storedTasks>>
      try {
        // Built as a real database would have been: each fixture right after its migration.
        for (const migration of MIGRATIONS.slice(0, MIGRATIONS.indexOf(version) + 1)) {
          await migrate(db, { target: migration })
          await db.pool.query(readFileSync(fixturePath(migration), 'utf8'))
        }
        const keys = await primaryKeys(db)
        const before = await readContents(db, keys)
        await migrate(db)
        expectPreserved(before, await readContents(db, keys))
        tasks = await storedTasks(db)
        expect(tasks.length).toBeGreaterThanOrEqual(3)
        token = (await issueToken(db, { orgName: 'fixture', tokenName: 'check', role: 'admin' }))
          .raw
      } finally {
        await db.close()
      }

      server = await startServer(instance.args, { TESSERA_RATE_LIMIT: '100000' })
      const api = new ApiClient(server.url, token)
      for (const stored of tasks) {
        const res = await api.get(`tasks/${stored.uid}`)
        expect(res.status, res.text).toBe(200)
        expect(res.body).toMatchObject({
          uid: stored.uid,
          status: stored.status,
          archived: stored.archived,
          fields: stored.fields,
          due_at: stored.due_at.toISOString(),
        })
        const comments = await api.get(`tasks/${stored.uid}/comments`)
        expect(comments.status, comments.text).toBe(200)
        expect(comments.body.items).toHaveLength(stored.comments)
        const events = await api.get(`tasks/${stored.uid}/events`)
        expect(events.status, events.text).toBe(200)
        expect(events.body.items).toHaveLength(stored.events)
      }
    },
  )
})
