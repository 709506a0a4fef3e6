import type { Queryable } from './database'
import { HAS_SLA_SQL, SLA_MET_SQL, slaBreachedAtSql } from './sla-breach'

/** The backlog figures of one queue (or of the tasks in no queue) at `measured_at`. */
export interface QueueStatsRecord {
  /** Null: the tasks in no queue. */
  queue_uid: string | null
  queue_name: string | null
  measured_at: Date
  open: number
  started: number
  overdue: number
  breaching_sla: number
  /** Whole seconds; null when nothing is open. */
  oldest_open_age: number | null
  done_last_hour: number
  done_last_day: number
  /** Seconds, over the tasks done in the last 24 hours; null when there are none. */
  median_resolution_time: number | null
  median_wait_time: number | null
  median_work_time: number | null
  /** Per cent of the tasks done in the last 24 hours with SLA deadlines that met them. */
  sla_compliance_last_day: number | null
}

// Figures of the open tasks of one queue. Each queue gets its own range scan of
// tasks_by_queue (org_uid, queue_uid, status): done tasks, however many, are never read.
const OPEN_FIGURES = `
  count(*)::int AS open,
  count(*) FILTER (WHERE t.status = 'STARTED')::int AS started,
  count(*) FILTER (WHERE t.due_at < $2::timestamptz)::int AS overdue,
  count(*) FILTER (WHERE ${slaBreachedAtSql('$2::timestamptz')} IS NOT NULL)::int AS breaching_sla,
  greatest(0, floor(extract(epoch FROM $2::timestamptz - min(t.created_at))))::int AS oldest_open_age`

const OPEN_TASK = `t.status IN ('TODO', 'STARTED') AND NOT t.archived`

/** The median of a duration in seconds, rounded to the millisecond. */
const median = (seconds: string) =>
  `round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds})::numeric, 3)::float8`

const since = (done: string, created: string) =>
  `greatest(0, extract(epoch FROM ${done} - ${created}))`

/**
 * One statement for every queue of the organization (or only `queueUid`), plus a row for the
 * tasks in no queue (whole organization only):
 * - open figures come from a lateral scan per queue (see OPEN_FIGURES);
 * - completions come from tasks_by_updated: a task done since T was last written at or after
 *   its completion, hence since T. updated_at is the database's clock and done_at the
 *   application's, so the range starts an hour early to absorb any skew between them; the
 *   exact filter is on done_at.
 * Medians use the same definitions as a task's own metrics: resolution from creation to
 * completion, wait from creation to the (last) start or to completion if never started, and
 * work the closed work intervals (work_ms; a done task has no running one).
 * Tasks that are archived, or in a deleted queue, count nowhere.
 */
export async function queueStats(
  q: Queryable,
  orgUid: string,
  now: Date,
  queueUid: string | null = null,
): Promise<QueueStatsRecord[]> {
  const result = await q.query<QueueStatsRecord>(
    `WITH open_figures AS (
       SELECT qu.uid AS queue_uid, qu.name AS queue_name, qu.position, o.*
       FROM queues qu
       CROSS JOIN LATERAL (
         SELECT ${OPEN_FIGURES} FROM tasks t
         WHERE t.org_uid = qu.org_uid AND t.queue_uid = qu.uid AND ${OPEN_TASK}
       ) o
       WHERE qu.org_uid = $1 AND ($3::uuid IS NULL OR qu.uid = $3)
       UNION ALL
       SELECT NULL, NULL, NULL, o.*
       FROM (
         SELECT ${OPEN_FIGURES} FROM tasks t
         WHERE t.org_uid = $1 AND t.queue_uid IS NULL AND ${OPEN_TASK}
       ) o
       WHERE $3::uuid IS NULL
     ), done_figures AS (
       SELECT t.queue_uid,
         count(*) FILTER (WHERE t.done_at >= $2::timestamptz - interval '1 hour')::int AS done_last_hour,
         count(*)::int AS done_last_day,
         ${median(since('t.done_at', 't.created_at'))} AS median_resolution_time,
         ${median(since('coalesce(t.started_at, t.done_at)', 't.created_at'))} AS median_wait_time,
         ${median('t.work_ms / 1000.0')} AS median_work_time,
         count(*) FILTER (WHERE ${HAS_SLA_SQL}) AS sla_due,
         count(*) FILTER (WHERE ${HAS_SLA_SQL} AND ${SLA_MET_SQL}) AS sla_met
       FROM tasks t
       WHERE t.org_uid = $1 AND NOT t.archived AND t.updated_at >= $2::timestamptz - interval '25 hours'
         AND t.status = 'DONE' AND t.done_at >= $2::timestamptz - interval '24 hours'
         AND ($3::uuid IS NULL OR t.queue_uid = $3)
       GROUP BY t.queue_uid
     )
     SELECT f.queue_uid, f.queue_name, $2::timestamptz AS measured_at,
       f.open, f.started, f.overdue, f.breaching_sla,
       CASE WHEN f.open > 0 THEN f.oldest_open_age END AS oldest_open_age,
       coalesce(d.done_last_hour, 0) AS done_last_hour,
       coalesce(d.done_last_day, 0) AS done_last_day,
       d.median_resolution_time, d.median_wait_time, d.median_work_time,
       CASE WHEN d.sla_due > 0 THEN round(100.0 * d.sla_met / d.sla_due, 1)::float8 END
         AS sla_compliance_last_day
     FROM open_figures f
     LEFT JOIN done_figures d ON d.queue_uid IS NOT DISTINCT FROM f.queue_uid
     ORDER BY f.position NULLS LAST, f.queue_uid`,
    [orgUid, now, queueUid],
  )
  return result.rows
}
