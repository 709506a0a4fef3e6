import { type Database, type Queryable, withTransaction } from './database'

/** Open tasks of one queue (or of no queue) of one organization, in one status. */
export interface OpenTaskCount {
  organization: string
  /** Null: the tasks in no queue. */
  queue: string | null
  status: 'TODO' | 'STARTED'
  tasks: number
}

// Each (queue, status) pair is one range scan of tasks_by_queue (org_uid, queue_uid, status):
// done tasks, however many, are never read. Every pair gets a row, zero included, so that a
// queue that empties reads 0 rather than vanishing from the scrape. Archived tasks count
// nowhere, as in the queue statistics; nor do tasks of a deleted queue.
const OPEN_TASK_COUNTS = `
  WITH statuses (status) AS (VALUES ('TODO'), ('STARTED'))
  SELECT o.name AS organization, qu.name AS queue, s.status,
    (SELECT count(*) FROM tasks t
     WHERE t.org_uid = qu.org_uid AND t.queue_uid = qu.uid AND t.status = s.status
       AND NOT t.archived)::int AS tasks
  FROM queues qu
  JOIN organizations o ON o.uid = qu.org_uid
  CROSS JOIN statuses s
  UNION ALL
  SELECT o.name, NULL, s.status,
    (SELECT count(*) FROM tasks t
     WHERE t.org_uid = o.uid AND t.queue_uid IS NULL AND t.status = s.status
       AND NOT t.archived)::int
  FROM organizations o
  CROSS JOIN statuses s`

/**
 * Open tasks of the whole installation (every organization) by queue and status, for the
 * operator's metrics.
 */
export async function countOpenTasks(q: Queryable): Promise<OpenTaskCount[]> {
  return (await q.query<OpenTaskCount>(OPEN_TASK_COUNTS)).rows
}

/** The webhook outbox of the whole installation, for the operator's metrics. */
export interface WebhookBacklog {
  /** Deliveries not yet delivered nor given up on. */
  pending: number
  /** Pending deliveries whose last attempt failed: they wait for a retry. */
  failing: number
  /** Seconds since the oldest due pending delivery became due; 0 when none is due. */
  lagSeconds: number
}

/**
 * Counts come from the partial index webhook_deliveries_due (pending rows only), and the lag
 * is its first entry: delivered and failed rows, however many are kept, are never read.
 */
export async function readWebhookBacklog(q: Queryable): Promise<WebhookBacklog> {
  const result = await q.query<WebhookBacklog>(
    `SELECT count(*)::int AS pending,
       count(*) FILTER (WHERE last_error IS NOT NULL OR last_response_status IS NOT NULL)::int
         AS failing,
       coalesce(extract(epoch FROM tessera_now() - min(next_attempt_at)
         FILTER (WHERE next_attempt_at <= tessera_now())), 0)::float8 AS "lagSeconds"
     FROM webhook_deliveries WHERE status = 'pending'`,
  )
  return result.rows[0] as WebhookBacklog
}

/** What the metrics read from the database: the same from every server process. */
export interface InstallationFigures {
  openTasks: OpenTaskCount[]
  webhooks: WebhookBacklog
}

/**
 * Both readings, from one snapshot. JIT is off for them: the planner prices the per-queue
 * counts by its estimate of the organizations (550 rows for a table never analyzed), and
 * compiling them then took 180 ms of a 190 ms scrape (10 organizations, 100k tasks, 11k
 * open); without it the counts take about 8 ms.
 */
export async function readInstallationFigures(db: Database): Promise<InstallationFigures> {
  return withTransaction(db, async (client) => {
    await client.query('SET LOCAL jit = off')
    return { openTasks: await countOpenTasks(client), webhooks: await readWebhookBacklog(client) }
  })
}
