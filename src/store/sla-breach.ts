/**
 * The SLA policy's deadlines of a task aliased `t`, as SQL: when it missed one, and whether a
 * completed task met them all. A deadline is missed once it has passed (at `now`, an SQL
 * expression) with its target not reached: first response by the first start (or the
 * completion of a task never started), resolution by the completion. While a pause condition
 * stops the clock the stored deadlines are only lower bounds, so one counts as missed only
 * if it passed before the pause began.
 */
export function slaBreachedAtSql(now: string): string {
  const missed = (due: string, reached: string) =>
    `CASE WHEN t.${due} <= ${now} AND coalesce(${reached}, ${now}) > t.${due}
           AND (t.sla_paused_since IS NULL OR t.${due} < t.sla_paused_since)
          THEN t.${due} END`
  return `LEAST(${missed('first_response_due_at', 'coalesce(t.started_at, t.done_at)')},
    ${missed('resolution_due_at', 't.done_at')})`
}

/** SQL: the task has a deadline of an SLA policy. */
export const HAS_SLA_SQL =
  '(t.first_response_due_at IS NOT NULL OR t.resolution_due_at IS NOT NULL)'

/** SQL: a completed task met every deadline of its policy. */
export const SLA_MET_SQL = `((t.first_response_due_at IS NULL
    OR coalesce(t.started_at, t.done_at) <= t.first_response_due_at)
  AND (t.resolution_due_at IS NULL OR t.done_at <= t.resolution_due_at))`
