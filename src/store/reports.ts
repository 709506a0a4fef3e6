import type { Queryable } from './database'
import { HAS_SLA_SQL, SLA_MET_SQL } from './sla-breach'

/** What a report's rows are per: the assignee of a completed task, or its queue. */
export type ReportDimension = 'operator' | 'queue'

/** The period and organization of one report: completions in [from, to). */
export interface ReportScope {
  orgUid: string
  from: Date
  to: Date
}

/** The figures SQL computes for one row of a report (the business resolution is core's). */
export interface CompletionFiguresRecord {
  /** The assignee or queue; null: completed unassigned, or in no queue. */
  key: string | null
  completed: number
  handle_time_median: number | null
  handle_time_p90: number | null
  handle_time_business_median: number | null
  handle_time_business_p90: number | null
  resolution_time_median: number | null
  resolution_time_p90: number | null
  sla_tasks: number
  sla_met: number
  sla_business_tasks: number
  sla_business_met: number
}

/** A completed task's group key and the two ends of its resolution, in epoch ms. */
export interface CompletedSpanRecord {
  key: string | null
  created_ms: number
  done_ms: number
}

const KEY_COLUMN: Record<ReportDimension, string> = {
  operator: 't.assignee_uid',
  // From the join below: a task of a queue deleted since counts with the tasks in no queue.
  queue: 'qu.uid',
}

/** The completed tasks, each with its queue if that still exists. */
const COMPLETED_TASKS = `tasks t
  LEFT JOIN queues qu ON qu.org_uid = t.org_uid AND qu.uid = t.queue_uid`

/** A percentile of a duration in seconds, rounded to the millisecond, null over no rows. */
const percentile = (fraction: number, seconds: string) =>
  `round(percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${seconds})::numeric, 3)::float8`

const RESOLUTION = 'greatest(0, extract(epoch FROM t.done_at - t.created_at))'

/**
 * The tasks completed in [$2, $3) of organization $1: a range of tasks_by_done (migration
 * 0018), whose predicate this implies. Archived tasks count nowhere, as on the dashboard.
 */
const COMPLETED_IN_PERIOD = `t.org_uid = $1 AND t.status = 'DONE' AND NOT t.archived
  AND t.done_at >= $2::timestamptz AND t.done_at < $3::timestamptz`

/**
 * Per assignee or per queue, the completions of the period with their handle time (the task's
 * closed work time, wall clock and business, kept on the task as work_ms / work_business_ms:
 * a done task has no running interval), its resolution time on the wall clock, and how many
 * were completed by their SLA deadlines (those that had one).
 */
export async function completionFigures(
  q: Queryable,
  scope: ReportScope,
  by: ReportDimension,
): Promise<CompletionFiguresRecord[]> {
  const key = KEY_COLUMN[by]
  const result = await q.query<CompletionFiguresRecord>(
    `SELECT ${key} AS key, count(*)::int AS completed,
       ${percentile(0.5, 't.work_ms / 1000.0')} AS handle_time_median,
       ${percentile(0.9, 't.work_ms / 1000.0')} AS handle_time_p90,
       ${percentile(0.5, 't.work_business_ms / 1000.0')} AS handle_time_business_median,
       ${percentile(0.9, 't.work_business_ms / 1000.0')} AS handle_time_business_p90,
       ${percentile(0.5, RESOLUTION)} AS resolution_time_median,
       ${percentile(0.9, RESOLUTION)} AS resolution_time_p90,
       count(*) FILTER (WHERE ${HAS_SLA_SQL})::int AS sla_tasks,
       count(*) FILTER (WHERE ${HAS_SLA_SQL} AND ${SLA_MET_SQL})::int AS sla_met,
       count(t.sla_breach_business_at)::int AS sla_business_tasks,
       count(*) FILTER (WHERE t.done_at <= t.sla_breach_business_at)::int AS sla_business_met
     FROM ${COMPLETED_TASKS}
     WHERE ${COMPLETED_IN_PERIOD}
     GROUP BY 1`,
    [scope.orgUid, scope.from, scope.to],
  )
  return result.rows
}

/**
 * The creation and completion of every task completed in the period, with its assignee or
 * queue: what business resolution times are measured from (in core, on the calendar). Three
 * narrow columns per task, the instants as epoch ms (a float8 is parsed far faster than a
 * timestamp's text); the use case reads them in the same snapshot as the figures.
 */
export async function completedSpans(
  q: Queryable,
  scope: ReportScope,
  by: ReportDimension,
): Promise<CompletedSpanRecord[]> {
  const result = await q.query<CompletedSpanRecord>(
    `SELECT ${KEY_COLUMN[by]} AS key,
       (extract(epoch FROM t.created_at) * 1000)::float8 AS created_ms,
       (extract(epoch FROM t.done_at) * 1000)::float8 AS done_ms
     FROM ${COMPLETED_TASKS} WHERE ${COMPLETED_IN_PERIOD}`,
    [scope.orgUid, scope.from, scope.to],
  )
  return result.rows
}

/** Skips of one reason, for one operator or queue. */
export interface SkipCountRecord {
  key: string | null
  reason: string
  count: number
}

/**
 * The player's skips in the period (history entries `skipped`, with the reason the operator
 * gave), per operator (who skipped) or per queue (the queue the task is in now: the entry does
 * not record the one it was in), and per reason.
 */
export async function skipCounts(
  q: Queryable,
  scope: ReportScope,
  by: ReportDimension,
): Promise<SkipCountRecord[]> {
  const sql =
    by === 'operator'
      ? `SELECT e.actor_uid AS key, coalesce(e.data->>'reason', '') AS reason, count(*)::int AS count
         FROM task_events e
         WHERE e.org_uid = $1 AND e.type = 'skipped'
           AND e.created_at >= $2::timestamptz AND e.created_at < $3::timestamptz
         GROUP BY 1, 2`
      : `SELECT qu.uid AS key, coalesce(e.data->>'reason', '') AS reason, count(*)::int AS count
         FROM task_events e
         JOIN tasks t ON t.org_uid = e.org_uid AND t.uid = e.task_uid
         LEFT JOIN queues qu ON qu.org_uid = t.org_uid AND qu.uid = t.queue_uid
         WHERE e.org_uid = $1 AND e.type = 'skipped'
           AND e.created_at >= $2::timestamptz AND e.created_at < $3::timestamptz
         GROUP BY 1, 2`
  const result = await q.query<SkipCountRecord>(sql, [scope.orgUid, scope.from, scope.to])
  return result.rows
}

/** Completions in one hour of one weekday, local time. */
export interface HourCountRecord {
  day_of_week: number
  hour: number
  completed: number
}

/**
 * Completions of the period per ISO weekday (1 Monday … 7 Sunday) and hour of the day in
 * `timeZone`; only the cells with any.
 */
export async function completionsByHour(
  q: Queryable,
  scope: ReportScope & { timeZone: string },
): Promise<HourCountRecord[]> {
  const result = await q.query<HourCountRecord>(
    `SELECT extract(isodow FROM t.done_at AT TIME ZONE $4)::int AS day_of_week,
       extract(hour FROM t.done_at AT TIME ZONE $4)::int AS hour,
       count(*)::int AS completed
     FROM tasks t
     WHERE ${COMPLETED_IN_PERIOD}
     GROUP BY 1, 2`,
    [scope.orgUid, scope.from, scope.to, scope.timeZone],
  )
  return result.rows
}
