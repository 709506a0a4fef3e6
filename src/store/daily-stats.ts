import type { Queryable } from './database'
import { HAS_SLA_SQL, SLA_MET_SQL, slaBreachedAtSql } from './sla-breach'

/** One day of the dashboard. */
export interface DayFigures {
  date: string
  created: number
  done: number
  breached: number
  backlog: number
  sla_due: number
  sla_met: number
  /** Per cent of `sla_due` that met their deadlines; null when none was due. */
  sla_compliance: number | null
}

/**
 * Day-by-day figures for the dashboard, in the organization's time zone. A task breached its
 * SLA on the day its deadline passed while it was still open, counted only once that moment
 * is past. The backlog at the end of a day is everything created by then minus everything
 * completed by then, so one pass over the tasks serves every day of the period.
 */
export async function dailyFigures(
  q: Queryable,
  input: { orgUid: string; from: string; to: string; timeZone: string; queueUid?: string },
): Promise<DayFigures[]> {
  const result = await q.query<DayFigures>(
    `WITH scope AS (
       SELECT (t.created_at AT TIME ZONE $4)::date AS created_day,
              (t.done_at AT TIME ZONE $4)::date AS done_day,
              -- A breach counts once it has happened: a deadline still ahead is not one.
              (${slaBreachedAtSql('tessera_now()')} AT TIME ZONE $4)::date AS breach_day,
              t.done_at IS NOT NULL AND ${HAS_SLA_SQL} AS sla_due,
              t.done_at IS NOT NULL AND ${HAS_SLA_SQL} AND ${SLA_MET_SQL} AS sla_met
       FROM tasks t
       WHERE t.org_uid = $1 AND NOT t.archived AND ($5::uuid IS NULL OR t.queue_uid = $5)
         AND (t.created_at AT TIME ZONE $4)::date <= $3::date
     ), days AS (
       SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') d
     ), base AS (
       SELECT count(*) FILTER (WHERE created_day < $2::date)
            - count(*) FILTER (WHERE done_day < $2::date) AS open_before
       FROM scope
     ), created AS (
       SELECT created_day AS day, count(*) AS n FROM scope GROUP BY 1
     ), done AS (
       SELECT done_day AS day, count(*) AS n, count(*) FILTER (WHERE sla_due) AS sla_due,
              count(*) FILTER (WHERE sla_met) AS sla_met
       FROM scope WHERE done_day IS NOT NULL GROUP BY 1
     ), breached AS (
       SELECT breach_day AS day, count(*) AS n FROM scope WHERE breach_day IS NOT NULL GROUP BY 1
     ), per_day AS (
       SELECT days.day, coalesce(c.n, 0) AS created, coalesce(d.n, 0) AS done,
              coalesce(b.n, 0) AS breached, coalesce(d.sla_due, 0) AS sla_due,
              coalesce(d.sla_met, 0) AS sla_met
       FROM days
       LEFT JOIN created c ON c.day = days.day
       LEFT JOIN done d ON d.day = days.day
       LEFT JOIN breached b ON b.day = days.day
     )
     SELECT to_char(day, 'YYYY-MM-DD') AS date, created, done, breached, sla_due, sla_met,
            CASE WHEN sla_due > 0 THEN round(100.0 * sla_met / sla_due, 1)::float8 END
              AS sla_compliance,
            (SELECT open_before FROM base) + sum(created - done) OVER (ORDER BY day) AS backlog
     FROM per_day ORDER BY day`,
    [input.orgUid, input.from, input.to, input.timeZone, input.queueUid ?? null],
  )
  return result.rows
}

/** The period's figures of one queue. */
export interface QueueFigures {
  queue_uid: string
  name: string
  median_resolution_time: number | null
  sla_due: number
  sla_met: number
  sla_compliance: number | null
}

/**
 * Median resolution time, in seconds, and SLA compliance, per queue, over tasks completed in
 * the period.
 */
export async function medianResolutionByQueue(
  q: Queryable,
  input: { orgUid: string; from: string; to: string; timeZone: string },
): Promise<QueueFigures[]> {
  const result = await q.query<QueueFigures>(
    `SELECT q.uid AS queue_uid, q.name, f.median_resolution_time,
       f.sla_due::int, f.sla_met::int,
       CASE WHEN f.sla_due > 0 THEN round(100.0 * f.sla_met / f.sla_due, 1)::float8 END
         AS sla_compliance
     FROM queues q
     CROSS JOIN LATERAL (
       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.done_at - t.created_at))
                AS median_resolution_time,
              count(*) FILTER (WHERE ${HAS_SLA_SQL}) AS sla_due,
              count(*) FILTER (WHERE ${HAS_SLA_SQL} AND ${SLA_MET_SQL}) AS sla_met
       FROM tasks t
       WHERE t.org_uid = q.org_uid AND t.queue_uid = q.uid AND t.done_at IS NOT NULL
         AND (t.done_at AT TIME ZONE $4)::date BETWEEN $2::date AND $3::date
     ) f
     WHERE q.org_uid = $1 ORDER BY q.position, q.uid`,
    [input.orgUid, input.from, input.to, input.timeZone],
  )
  return result.rows
}
