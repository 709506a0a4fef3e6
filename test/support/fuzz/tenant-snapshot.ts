import type { ApiClient } from '../api-client'
import { queryDatabase } from '../pg-query'
import { storedState } from '../task-state'

/** A copy without the metrics computed from the clock at read time, wherever tasks appear. */
function withoutClockMetrics(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutClockMetrics)
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(storedState(value as Record<string, unknown>)).map(([key, item]) => [
        key,
        withoutClockMetrics(item),
      ]),
    )
  }
  return value
}

/** What the API shows of an organization, minus what reading it changes (a token's use). */
async function apiSnapshot(api: ApiClient, taskUids: string[]): Promise<Record<string, unknown>> {
  const read = async (path: string, query?: Record<string, string>) => {
    const res = await api.get(path, { query })
    if (res.status !== 200) {
      throw new Error(`snapshot: GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`)
    }
    return res.body
  }
  const tasks = await read('tasks', { archived: 'all', limit: '1000', sort: 'created_at' })
  const tokens = await read('tokens')
  const snapshot: Record<string, unknown> = {
    tasks: tasks.items,
    tokens: tokens.items.map(({ last_used_at: _, ...token }: Record<string, unknown>) => token),
    queues: await read('queues'),
    webhooks: await read('webhooks'),
    users: await read('users'),
    settings: await read('settings'),
    calendar: await read('settings/calendar'),
    player: await read('player'),
  }
  for (const uid of taskUids) {
    snapshot[`comments of ${uid}`] = await read(`tasks/${uid}/comments`)
    snapshot[`events of ${uid}`] = await read(`tasks/${uid}/events`)
  }
  return withoutClockMetrics(snapshot) as Record<string, unknown>
}

// Columns that change without any request of the tenant's: a token's last use, a session's
// last sighting, the delivery worker's bookkeeping.
const ORG_TABLES: Record<string, string[]> = {
  api_tokens: ['last_used_at'],
  player_sessions: [],
  queues: [],
  sessions: ['last_seen_at', 'expires_at'],
  task_comments: [],
  task_events: [],
  tasks: [],
  users: [],
  webhook_deliveries: [
    'status',
    'attempts',
    'next_attempt_at',
    'locked_until',
    'last_attempt_at',
    'last_response_status',
    'last_error',
    'finished_at',
  ],
  webhooks: [],
}

/** Every row of the organization, hashed per table (PostgreSQL only: PGlite is the server's). */
async function sqlSnapshot(databaseUrl: string, orgUid: string): Promise<Record<string, unknown>> {
  const perTable = Object.entries(ORG_TABLES).map(([table, volatile]) => {
    const row = `(to_jsonb(t) - ARRAY[${volatile.map((c) => `'${c}'`).join(',')}]::text[])::text`
    return `SELECT '${table}' AS name, count(*)::int AS rows,
                   md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS hash
              FROM ${table} t WHERE org_uid = $1`
  })
  perTable.push(
    `SELECT 'organizations', count(*)::int, md5(coalesce(string_agg(to_jsonb(o)::text, ''), ''))
       FROM organizations o WHERE uid = $1`,
  )
  const rows = await queryDatabase<{ name: string; rows: number; hash: string }>(
    databaseUrl,
    perTable.join(' UNION ALL '),
    [orgUid],
  )
  return Object.fromEntries(
    rows.map((row) => [`table ${row.name}`, `${row.rows} rows, ${row.hash}`]),
  )
}

/**
 * Everything an organization holds: on PostgreSQL its rows, read directly; on PGlite (whose
 * database belongs to the server process) what the API shows of it. Two snapshots are equal
 * exactly when nothing of the organization changed in between.
 */
export async function snapshotTenant(options: {
  api: ApiClient
  taskUids: string[]
  databaseUrl?: string
  orgUid: string
}): Promise<Record<string, unknown>> {
  return options.databaseUrl
    ? sqlSnapshot(options.databaseUrl, options.orgUid)
    : apiSnapshot(options.api, options.taskUids)
}
