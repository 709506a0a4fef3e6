import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { distributionOf, judgeStatement, type StatementVerdict } from '../support/org-scope-plan'
import { populateOrganization, startReceiver } from '../support/populated-organization'
import { fill, ROUTES } from '../support/route-table'
import { type ServerProcess, startServer } from '../support/server-process'
import { makeTempDir } from '../support/temp-dir'
import { waitFor } from '../support/wait-for'

/**
 * Ready to be distributed by organization (Citus-style, org_uid the distribution column;
 * docs/SCALING.md): every statement on a table with an org_uid column names one organization,
 * so that it can be routed to the one node holding it. This test runs a server with every
 * statement it sends recorded (test/support/statement-capture.mjs), drives every route of the
 * API and the background work, then has PostgreSQL plan each statement and fails on any scan
 * of a tenant table without `org_uid = <one value>`.
 *
 * Cross-organization statements exist by design, and Citus runs them too, as multi-shard
 * statements (or against reference tables). Each is listed below with its reason; a new one
 * fails this test until it is listed here, which is the review it deserves.
 */
const CROSS_ORGANIZATION: { sender: RegExp; statement: RegExp; reason: string }[] = [
  {
    sender: /^src\/store\/migrate\.ts:/,
    statement: /./,
    reason: 'migrations and their bookkeeping (schema_migrations) are global, run once per node',
  },
  // Start-up work of a server, over the whole database.
  {
    sender: /^src\/store\/sealed-secrets\.ts:/,
    statement: /./,
    reason:
      'start-up: seals the plain secrets left by older versions and counts keys in use, in every organization',
  },
  {
    sender: /^src\/store\/accounts\.ts:/,
    statement: /^SELECT EXISTS \(SELECT 1 FROM api_tokens WHERE revoked_at IS NULL\)/,
    reason: 'start-up: whether anyone at all can sign in, to say how to create the first account',
  },
  // The directory: a request presents a credential, and the credential names its organization.
  // In Citus these are the only statements of a request that fan out to every shard (an
  // index probe each), and the per-process token cache keeps them off the hot path.
  {
    sender: /^src\/store\/tokens\.ts:/,
    statement: /^WITH found AS \( SELECT k\.uid, .* WHERE k\.token_hash = \$1/,
    reason: 'directory: an API token is found by its hash, before its organization is known',
  },
  {
    sender: /^src\/store\/tokens\.ts:/,
    statement: /^UPDATE api_tokens SET last_used_at = tessera_now\(\) WHERE uid = ANY\(/,
    reason: 'directory: last use of many tokens, of any organizations, written in one batch',
  },
  {
    sender: /^src\/store\/sessions\.ts:/,
    statement: /^WITH found AS \( SELECT s\.uid, .* WHERE s\.secret_hash = \$1/,
    reason: 'directory: a web session is found by the hash of its cookie',
  },
  {
    sender: /^src\/store\/users\.ts:/,
    statement:
      /^SELECT u\.uid, u\.org_uid, u\.password_hash, u\.active FROM users u .* WHERE u\.email = \$1/,
    reason: 'directory: a password sign-in names an email, not an organization',
  },
  // Background work shared by every organization: any server process claims what is due,
  // whoever it belongs to, and prunes what is old. Citus runs these as multi-shard
  // statements (SKIP LOCKED and LIMIT apply per shard), or one worker per shard group.
  {
    sender: /^src\/store\/webhook-deliveries\.ts:/,
    statement:
      /^WITH (due|blocked) AS \(|^DELETE FROM webhook_deliveries WHERE id IN \( SELECT id FROM webhook_deliveries WHERE status <> 'pending'/,
    reason:
      'background: the webhook dispatcher claims due deliveries of every organization, and prunes finished ones',
  },
  {
    sender: /^src\/store\/notifications\.ts:/,
    statement:
      /^WITH due AS \(|^DELETE FROM (notification_outbox|notifications) WHERE id IN \( SELECT id FROM/,
    reason:
      'background: the notification dispatcher claims due messages of every organization, and prunes old ones',
  },
  {
    sender: /^src\/store\/automations\.ts:/,
    statement:
      /^SELECT id::text AS id, org_uid, task_uid, event_types, depth FROM automation_jobs|^DELETE FROM automation_jobs WHERE id = ANY|^SELECT org_uid, uid FROM automations WHERE kind = 'time' AND enabled/,
    reason:
      'background: the automation engine claims event jobs and lists time rules of every organization',
  },
  {
    sender: /^src\/store\/audit-events\.ts:/,
    statement: /^DELETE FROM audit_events WHERE \(org_uid, uid\) IN/,
    reason: 'background: the audit retention prune, every organization by its own retention',
  },
  {
    sender: /^src\/store\/live-watchers\.ts:/,
    statement: /^DELETE FROM live_watchers WHERE (watcher = \$1|expires_at < now\(\))/,
    reason:
      'background: a server process withdraws its watches on every organization it served, and expired ones',
  },
]

/**
 * The tables without org_uid, which a distributed deployment keeps whole on every node (or
 * on the coordinator): everything else is split by organization.
 */
const GLOBAL_TABLES: Record<string, string> = {
  organizations:
    'the distribution key itself: a small reference table (replicated to every node), its uid what every tenant row points at',
  rate_limit_hits:
    'counters keyed by token or address, unlogged: per node (or in Redis, REDIS_URL), never joined with tenant rows',
  schema_migrations: 'migrations bookkeeping: the schema is the same on every node',
}

/** What the catalog says against distribution by org_uid: one line per problem. */
const SCHEMA_PROBLEMS = `
  WITH tenant AS (
    SELECT c.oid, c.relname FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_uid' AND NOT a.attisdropped
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
  ), org_column AS (
    SELECT t.oid, a.attnum, a.attnotnull FROM tenant t
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'org_uid'
  )
  SELECT format('unique index %s of %s lacks org_uid: %s', i.indexrelid::regclass, t.relname,
    pg_get_indexdef(i.indexrelid)) AS problem
  FROM tenant t JOIN pg_index i ON i.indrelid = t.oid AND i.indisunique
  JOIN org_column o ON o.oid = t.oid
  WHERE NOT o.attnum = ANY (i.indkey::int2[])
  UNION ALL
  -- A key to another tenant table must pair org_uid with org_uid; the one key allowed without
  -- is the organization's own: (org_uid) REFERENCES organizations (uid).
  SELECT format('foreign key %s of %s does not join on org_uid: %s', k.conname, t.relname,
    pg_get_constraintdef(k.oid))
  FROM tenant t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
  JOIN org_column o ON o.oid = t.oid
  WHERE NOT (k.confrelid = 'organizations'::regclass AND k.conkey = ARRAY[o.attnum])
    AND NOT EXISTS (
      SELECT 1 FROM unnest(k.conkey, k.confkey) AS pair (own, other)
      JOIN pg_attribute r ON r.attrelid = k.confrelid AND r.attnum = pair.other
      WHERE pair.own = o.attnum AND r.attname = 'org_uid')
  UNION ALL
  SELECT format('%s.org_uid may be null', t.relname)
  FROM tenant t JOIN org_column o ON o.oid = t.oid WHERE NOT o.attnotnull
  ORDER BY 1`

const GLOBAL_TABLES_SQL = `
  SELECT c.relname AS name FROM pg_class c
  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
    AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'org_uid' AND NOT a.attisdropped)
  ORDER BY 1`

const CAPTURE = fileURLToPath(new URL('../support/statement-capture.mjs', import.meta.url))
const engines = inject('engines')
const adminUrl = engines.find((e) => e.name === 'postgres')?.databaseUrl
const SLOW = 10 * 60_000

/** A statement's text on one line, single-spaced, for the patterns above. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * Statements whose verdicts are known, judged beside the captured ones: a judge that passed
 * everything would fail here.
 */
const CONTROLS: { text: string; scoped: boolean }[] = [
  { text: 'SELECT * FROM tasks WHERE org_uid = $1 AND uid = $2', scoped: true },
  { text: 'SELECT * FROM tasks WHERE uid = $1', scoped: false },
  {
    text: `SELECT c.text, u.name FROM task_comments c JOIN users u ON u.uid = c.author_uid
           WHERE c.org_uid = $1`,
    scoped: false,
  },
  {
    text: `SELECT c.text, u.name FROM task_comments c
           JOIN users u ON u.org_uid = c.org_uid AND u.uid = c.author_uid WHERE c.org_uid = $1`,
    scoped: true,
  },
  {
    text: `SELECT o.name, (SELECT count(*) FROM queues q WHERE q.org_uid = o.uid)
           FROM organizations o WHERE o.uid = $1`,
    scoped: true,
  },
  {
    text: `WITH t AS (SELECT uid FROM tasks WHERE org_uid = $1 LIMIT 1)
           UPDATE task_comments SET text = 'x' WHERE task_uid IN (SELECT uid FROM t)`,
    scoped: false,
  },
  { text: 'DELETE FROM sessions WHERE user_uid = $1', scoped: false },
]

interface Captured {
  where: string
  text: string
}

// PGlite, and one PostgreSQL: the server one when there is one, else the embedded one.
const judged = engines.filter(
  (e) => e.name !== 'embedded' || !engines.some((other) => other.name === 'postgres'),
)

describe.each(judged)('statements on tenant tables name one organization, on $name', (engine) => {
  let instance: FreshInstance
  let captured: Captured[] = []
  const verdicts = new Map<string, StatementVerdict>()
  let schemaProblems: string[] = []
  let globalTables: string[] = []
  const controls = new Map<string, StatementVerdict>()

  beforeAll(async () => {
    instance = await createFreshInstance(engine.name, adminUrl, 'org_scope')
    const db = await openDatabase(instance.location, { poolSize: 1 })
    let admin: string
    let operator: string
    try {
      await migrate(db)
      admin = (await issueToken(db, { orgName: 'scoped', tokenName: 'admin' })).raw
      operator = (
        await issueToken(db, {
          orgName: 'scoped',
          tokenName: 'operator',
          role: 'operator',
          userEmail: 'op@scoped.test',
        })
      ).raw
    } finally {
      await db.close()
    }
    const log = join(makeTempDir('tessera-statements-'), 'statements.jsonl')
    writeFileSync(log, '')
    const receiver = await startReceiver()
    let server: ServerProcess | undefined
    try {
      server = await startServer(instance.args, {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --enable-source-maps --import ${CAPTURE}`,
        TESSERA_TEST_STATEMENT_LOG: log,
        TESSERA_RATE_LIMIT: '100000',
        TESSERA_AUTOMATION_TICK_MS: '200',
      })
      await driveEverything(server.url, admin, operator, receiver.url)
    } finally {
      await server?.stop()
      receiver.server.close()
    }
    captured = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Captured)

    const judge = await openDatabase(instance.location, { poolSize: 1 })
    try {
      const client = await judge.pool.connect()
      try {
        await client.query('BEGIN')
        // The plan for any parameter values, as Citus's router would have to route it.
        await client.query('SET LOCAL plan_cache_mode = force_generic_plan')
        const distribution = await distributionOf(client)
        for (const { text } of captured) {
          if (!verdicts.has(text)) {
            verdicts.set(text, await judgeStatement(client, text, distribution))
          }
        }
        for (const { text } of CONTROLS) {
          controls.set(text, await judgeStatement(client, text, distribution))
        }
        schemaProblems = (await client.query<{ problem: string }>(SCHEMA_PROBLEMS)).rows.map(
          (row) => row.problem,
        )
        globalTables = (await client.query<{ name: string }>(GLOBAL_TABLES_SQL)).rows.map(
          (row) => row.name,
        )
        await client.query('ROLLBACK')
      } finally {
        client.release()
      }
    } finally {
      await judge.close()
    }
  }, SLOW)

  afterAll(async () => {
    await instance?.drop()
  }, SLOW)

  const excused = ({ where, text }: Captured) =>
    CROSS_ORGANIZATION.find((e) => e.sender.test(where) && e.statement.test(oneLine(text)))

  it('the judge tells scoped statements from unscoped ones it is shown', () => {
    const judgedScoped = CONTROLS.map(({ text }) => controls.get(text)?.kind === 'scoped')
    expect(judgedScoped).toEqual(CONTROLS.map((control) => control.scoped))
  })

  it('every unique index and foreign key of a tenant table includes org_uid', () => {
    expect(schemaProblems, schemaProblems.join('\n')).toEqual([])
  })

  it('the tables without org_uid are the few global ones, each for a reason', () => {
    expect(globalTables).toEqual(Object.keys(GLOBAL_TABLES).sort())
  })

  it('recorded the statements of every part of the server', () => {
    const senders = new Set(captured.map((c) => c.where.replace(/:\d+$/, '')))
    // A sample of the store's modules, one per area: if one is missing, the capture broke.
    for (const module of [
      'src/store/tasks.ts',
      'src/store/task-list.ts',
      'src/store/dispatch.ts',
      'src/store/webhook-deliveries.ts',
      'src/store/queues.ts',
      'src/store/users.ts',
      'src/store/automations.ts',
      'src/store/notifications.ts',
      'src/store/reports.ts',
    ]) {
      expect([...senders], module).toContain(module)
    }
    expect(captured.length).toBeGreaterThan(150)
  })

  it('every statement on a tenant table filters on org_uid, or is a listed exception', () => {
    const offenders = captured.flatMap((statement) => {
      const verdict = verdicts.get(statement.text)
      if (verdict?.kind !== 'unscoped' || excused(statement)) {
        return []
      }
      const scans = verdict.scans.map(
        (s) => `${s.table} (${s.node}: ${s.conditions.join(' AND ') || 'no condition'})`,
      )
      return [
        `${statement.where}: ${scans.join('; ')}\n    ${statement.text.replace(/\s+/g, ' ').slice(0, 240)}`,
      ]
    })
    expect(offenders, offenders.join('\n')).toEqual([])
  })

  it('every statement was planned, unless it is transaction control or a listed exception', () => {
    const unplanned = captured.flatMap((statement) => {
      const verdict = verdicts.get(statement.text)
      if (
        verdict?.kind !== 'not-planned' ||
        verdict.reason === 'not a query' ||
        excused(statement)
      ) {
        return []
      }
      return [`${statement.where}: ${verdict.reason}\n    ${statement.text.slice(0, 200)}`]
    })
    expect(unplanned, unplanned.join('\n')).toEqual([])
  })

  it('every listed exception is still needed', () => {
    const unused = CROSS_ORGANIZATION.filter(
      (exception) =>
        !captured.some(
          (c) => exception.sender.test(c.where) && exception.statement.test(oneLine(c.text)),
        ),
    )
    expect(unused.map((e) => e.reason)).toEqual([])
  })
})

/**
 * Every route of the API once (resources it creates are then read, changed and deleted
 * through their own routes), plus a populated organization (webhooks delivered, the player,
 * sessions) and the background loops: automations, notifications, webhook deliveries.
 */
async function driveEverything(url: string, admin: string, operator: string, receiver: string) {
  await populateOrganization(url, admin, operator, receiver)
  const api = new ApiClient(url, admin)
  const task = (await api.post('tasks', { fields: { title: 'Scoped', country: 'FR' } })).body
  await api.post('automations', {
    name: 'Tag new tasks',
    trigger: { kind: 'event', on: ['created'] },
    actions: [{ type: 'add_comment', text: 'seen by a rule' }],
  })
  // A receiver that refuses every connection: the dispatcher records failures and backs off.
  const dead = (await api.post('webhooks', { url: 'http://127.0.0.1:9/dead' })).body
  const channel = (await api.post('notification-channels', { kind: 'in_app', name: 'Bell' })).body
  await api.post('notifications', { channel_uid: channel.uid, subject: 'Hello', body: 'World' })
  // Mail to a port nobody listens on: the outbox's claim, failed attempt and back-off.
  const mail = (
    await api.post('notification-channels', {
      kind: 'email',
      name: 'Nobody',
      settings: {
        host: '127.0.0.1',
        port: 9,
        tls: 'none',
        from: 'tessera@scoped.test',
        recipients: ['ops@scoped.test'],
      },
    })
  ).body
  await api.post('notifications', { channel_uid: mail.uid, subject: 'Lost', body: 'Mail' })
  await api.get('tasks', { query: { country: 'FR', sort: 'due_at' } })
  await api.get('tasks/search', { query: { q: 'claim' } })

  const created = new Map<string, string>()
  const segmentOf = (path: string) => path.split('/')[1] ?? ''
  const uidFor = (path: string) =>
    segmentOf(path) === 'tasks' ? task.uid : (created.get(segmentOf(path)) ?? randomUUID())
  // Deletions last, so that reads and changes find what the creations made.
  const rows = [
    ...ROUTES.filter((r) => r.method !== 'DELETE'),
    ...ROUTES.filter((r) => r.method === 'DELETE'),
  ]
  for (const row of rows) {
    if (row.stream) {
      continue
    }
    const uid = uidFor(row.path)
    const res = await api.request(row.method, fill(row.path, uid).slice(1), {
      body: fill(row.body, uid),
    })
    const body = res.body as { uid?: unknown } | undefined
    if (row.method === 'POST' && !row.path.includes('{uid}') && typeof body?.uid === 'string') {
      created.set(segmentOf(row.path), body.uid)
    }
  }
  await waitFor('the dead webhook failed once', async () => {
    const health = (await api.get(`webhooks/${dead.uid}`)).body
    return health.health?.consecutive_failures > 0 || health.consecutive_failures > 0
      ? true
      : undefined
  })
  await waitFor('the mail channel failed once', async () => {
    const health = (await api.get(`notification-channels/${mail.uid}`)).body.health
    return health?.consecutive_failures > 0 ? true : undefined
  })
  // A new task wakes the event rule; its comment shows the engine ran.
  const ruled = (await api.post('tasks', { fields: { title: 'For the rule' } })).body
  await waitFor('the automation commented', async () => {
    const comments = (await api.get(`tasks/${ruled.uid}/comments`)).body
    return comments.items?.length > 0 ? true : undefined
  })
}
