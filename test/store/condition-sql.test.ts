import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CONDITION_OPERATORS,
  type Condition,
  type ConditionLeaf,
} from '../../src/contract/conditions'
import { TASK_STATUSES } from '../../src/contract/tasks'
import {
  type ConditionSubject,
  compileCondition,
  compileGroups,
  compileSorts,
  evaluateCondition,
  NATIVE_FIELDS,
  type NativeFieldType,
  resolveField,
  validateCondition,
} from '../../src/core/conditions'
import { compareCodePoints } from '../../src/core/conditions/json-values'
import { type Database, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'

// Small pools, so that random conditions often hit random tasks exactly.
const UIDS = Array.from({ length: 4 }, () => randomUUID())
const STAMPS = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.UTC(2025, 0, 1) + i * 37_123_457).toISOString(),
)
const SKILLS = ['fr', 'FR', 'billing', 'kyc']
const KEYS = ['title', 'country', 'amount', 'tags', 'status', "a'; drop table tasks--", '__proto__']
// Case and accent variants (contains folds A–Z only), code points above U+FFFF (where
// UTF-16 order differs from the code-point order of COLLATE "C"), and "123" vs 123.
const STRINGS = ['FR', 'fr', 'Éclair', 'éclair', 'É', 'Zeta', 'zeta', 'z', 'ｚ', '😀', '', '123']

const scalar = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(-1.5, 0, 1, 10, 123, 1e21),
  fc.boolean(),
  fc.constant(null),
)
const json = fc.oneof(
  { arbitrary: scalar, weight: 5 },
  fc.array(scalar, { maxLength: 3 }),
  fc.array(fc.tuple(fc.constantFrom('x', 'y'), scalar), { maxLength: 2 }).map(Object.fromEntries),
)
const maybe = (pool: string[]) => fc.option(fc.constantFrom(...pool), { nil: null })
const rarely = fc.nat(9).map((roll) => roll === 0)

const taskArb = fc.record({
  status: fc.constantFrom(...TASK_STATUSES),
  archived: fc.boolean(),
  due_at: fc.constantFrom(...STAMPS),
  started_at: maybe(STAMPS),
  done_at: maybe(STAMPS),
  queue_uid: maybe(UIDS),
  assignee_uid: maybe(UIDS),
  parent_uid: maybe(UIDS),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 3 }),
  fields: fc
    .array(fc.tuple(fc.constantFrom(...KEYS), json), { maxLength: 5 })
    .map(Object.fromEntries),
})

/** A stored instant (written as is, at +02:00, or with microseconds) or one just after. */
const timestampArb = fc
  .constantFrom(...STAMPS)
  .chain((iso) =>
    fc.constantFrom(
      iso,
      new Date(Date.parse(iso) + 7_200_000).toISOString().replace('Z', '+02:00'),
      iso.replace('Z', '999Z'),
      new Date(Date.parse(iso) + 1).toISOString(),
    ),
  )

const NATIVE_OPERANDS: Record<NativeFieldType, fc.Arbitrary<unknown>> = {
  uuid: fc.constantFrom(...UIDS, ...UIDS.map((uid) => uid.toUpperCase()), randomUUID()),
  status: fc.constantFrom(...TASK_STATUSES),
  boolean: fc.boolean(),
  timestamp: timestampArb,
  skills: fc.constantFrom(...SKILLS, 'Billing', 'FR'),
}

/** Valid leaves only: the evaluator and the SQL need only agree on what validation accepts. */
function leafArb(field: string): fc.Arbitrary<ConditionLeaf> {
  const ref = resolveField(field)
  const operand = ref.kind === 'custom' ? json : NATIVE_OPERANDS[ref.type]
  return fc
    .record({
      field: fc.constant(field),
      operator: fc.constantFrom(...CONDITION_OPERATORS),
      value: fc.oneof(
        operand,
        fc.array(operand, { maxLength: 4 }),
        fc.constantFrom(true, false, undefined),
      ),
      negated: fc.boolean(),
      disabled: rarely,
    })
    .filter((leaf) => validateCondition(leaf).length === 0)
}

const FIELDS = [...Object.keys(NATIVE_FIELDS), ...KEYS, 'fields.status', 'missing']
const { condition: conditionArb } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...FIELDS).chain(leafArb),
    fc.record({
      combinator: fc.constantFrom('and', 'or'),
      conditions: fc.array(tie('condition'), { maxLength: 4 }),
      negated: fc.boolean(),
      disabled: rarely,
    }),
  ),
}))

async function seed(db: Database): Promise<ConditionSubject[]> {
  await migrate(db)
  const orgUid = randomUUID()
  await db.pool.query("INSERT INTO organizations (uid, name) VALUES ($1, 'org')", [orgUid])
  const rows = fc
    .sample(taskArb, { numRuns: 200, seed: 7 })
    .map((task) => ({ org_uid: orgUid, uid: randomUUID(), ...task }))
  const columns = Object.keys(rows[0] ?? {}).join(', ')
  await db.pool.query(
    `INSERT INTO tasks (${columns})
     SELECT ${columns} FROM jsonb_populate_recordset(NULL::tasks, $1::jsonb)`,
    [JSON.stringify(rows)],
  )
  // The evaluator reads the rows as the API would present them: JSON, dates as ISO strings.
  const stored = await db.pool.query('SELECT to_jsonb(t) AS task FROM tasks t')
  return stored.rows.map((row) => row.task as ConditionSubject)
}

type Opened = { db: Database; dispose: () => Promise<void> }

async function openPglite(): Promise<Opened> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cond-'))
  const db = await openDatabase({ dataDir, engine: 'pglite' })
  return { db, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) }
}

/** A throwaway database on the server of TEST_DATABASE_URL, dropped by `dispose`. */
async function openPostgres(adminUrl: string): Promise<Opened> {
  const name = `tessera_cond_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  // An ICU locale, where 'B' sorts after 'a' unlike in "C": results must not change.
  await admin
    .query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`)
    .catch(() => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: url.toString() }, { poolSize: 2 })
  const dispose = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.end()
  }
  return { db, dispose }
}

const adminUrl = process.env.TEST_DATABASE_URL
const ENGINES = [{ name: 'pglite', open: openPglite }]
if (adminUrl) {
  ENGINES.push({ name: 'postgres', open: () => openPostgres(adminUrl) })
}

describe.each(ENGINES)('condition SQL on $name', (engine) => {
  let db: Database
  let dispose: () => Promise<void>
  let tasks: ConditionSubject[]

  beforeAll(async () => {
    ;({ db, dispose } = await engine.open())
    tasks = await seed(db)
  })

  afterAll(async () => {
    await db?.close()
    await dispose?.()
  })

  it('selects exactly the tasks evaluateCondition accepts', async () => {
    await fc.assert(
      fc.asyncProperty(conditionArb, async (condition) => {
        expect(validateCondition(condition)).toEqual([])
        const { sql, params } = compileCondition(condition)
        const { rows } = await db.pool.query<{ uid: string }>(
          `SELECT uid FROM tasks t WHERE ${sql}`,
          params,
        )
        const expected = tasks.filter((task) => evaluateCondition(condition, task))
        expect(rows.map((row) => row.uid).sort()).toEqual(expected.map((task) => task.uid).sort())
      }),
      { numRuns: 400 },
    )
  })

  it('sorts a custom field by JSON type, then by code point or number, missing last', async () => {
    const byUid = new Map(tasks.map((task) => [task.uid, task.fields.country]))
    for (const direction of ['ascending', 'descending'] as const) {
      const { sql, params } = compileSorts([{ field: 'country', direction }])
      const { rows } = await db.pool.query<{ uid: string }>(
        `SELECT uid FROM tasks t ORDER BY ${sql}`,
        params,
      )
      const values = rows.map((row) => byUid.get(row.uid))
      const sign = direction === 'ascending' ? 1 : -1
      const inversions = values.flatMap((earlier, i) =>
        values.slice(i + 1).filter((later) => compareSortValues(earlier, later, sign) > 0),
      )
      expect(inversions).toEqual([])
    }
  })

  it('groups by JSON value, a missing key being its own group', async () => {
    const { columns, params } = compileGroups(['status', 'country'])
    const keys = columns.map((column) => column.sql).join(', ')
    const { rows } = await db.pool.query(`SELECT ${keys} FROM tasks t GROUP BY ${keys}`, params)
    const country = (task: ConditionSubject) =>
      Object.hasOwn(task.fields, 'country') ? task.fields.country : '∅'
    const groups = new Set(tasks.map((task) => JSON.stringify([task.status, country(task)])))
    expect(rows.length).toBe(groups.size)
  })
})

const TYPE_RANK = ['null', 'string', 'number', 'boolean', 'array', 'object']
const rankOf = (value: unknown) =>
  TYPE_RANK.indexOf(value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** The documented sort order; 0 for array/object pairs, whose jsonb order is not checked. */
function compareSortValues(a: unknown, b: unknown, sign: number): number {
  if (a === undefined || b === undefined) {
    return Number(a === undefined) - Number(b === undefined)
  }
  const rank = rankOf(a) - rankOf(b)
  if (rank !== 0) {
    return sign * rank
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return sign * compareCodePoints(a, b)
  }
  return typeof a === 'number' || typeof a === 'boolean' ? sign * (Number(a) - Number(b)) : 0
}
