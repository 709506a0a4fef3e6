import type { AutomationAction, AutomationAnchor, AutomationTrigger } from '../contract/automations'
import { AUTOMATION_ANCHORS } from '../contract/automations'
import type { Condition } from '../contract/conditions'
import type { CompiledSql } from '../core/conditions'
import type { Queryable } from './database'

/** An automation rule as stored. */
export interface AutomationRecord {
  uid: string
  name: string
  enabled: boolean
  trigger: AutomationTrigger
  condition: Condition | null
  actions: AutomationAction[]
  created_by: string | null
  created_at: Date
  updated_at: Date
  fires_since: Date
  runs: number
  last_run_at: Date | null
  skipped_loops: number
  skipped_rate: number
  rate_window_start: Date | null
  rate_window_runs: number
}

const COLUMNS = `uid, name, enabled, trigger, condition, actions, created_by, created_at, updated_at,
  fires_since, runs::integer AS runs, last_run_at, skipped_loops::integer AS skipped_loops,
  skipped_rate::integer AS skipped_rate, rate_window_start, rate_window_runs`

/** What a rule is made of. */
export interface AutomationInput {
  name: string
  enabled: boolean
  trigger: AutomationTrigger
  condition: Condition | null
  actions: AutomationAction[]
}

/** The organization's rules, oldest first. */
export async function listAutomations(q: Queryable, orgUid: string): Promise<AutomationRecord[]> {
  const result = await q.query<AutomationRecord>(
    `SELECT ${COLUMNS} FROM automations WHERE org_uid = $1 ORDER BY created_at, uid`,
    [orgUid],
  )
  return result.rows
}

/** One rule, or null; `lock` holds it for the transaction. */
export async function findAutomation(
  q: Queryable,
  orgUid: string,
  uid: string,
  lock = false,
): Promise<AutomationRecord | null> {
  const result = await q.query<AutomationRecord>(
    `SELECT ${COLUMNS} FROM automations WHERE org_uid = $1 AND uid = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Adds a rule unless the organization has `max` already (then null). */
export async function insertAutomation(
  q: Queryable,
  orgUid: string,
  input: AutomationInput & { createdBy: string | null },
  max: number,
): Promise<AutomationRecord | null> {
  const result = await q.query<AutomationRecord>(
    `INSERT INTO automations (org_uid, name, enabled, trigger, kind, condition, actions, created_by)
     SELECT $1, $2, $3, $4, $4::jsonb->>'kind', $5, $6, $7
     WHERE (SELECT count(*) FROM automations WHERE org_uid = $1) < $8
     RETURNING ${COLUMNS}`,
    [
      orgUid,
      input.name,
      input.enabled,
      JSON.stringify(input.trigger),
      input.condition === null ? null : JSON.stringify(input.condition),
      JSON.stringify(input.actions),
      input.createdBy,
      max,
    ],
  )
  return result.rows[0] ?? null
}

/**
 * Replaces a rule's definition. A changed trigger restarts its time window (`fires_since`):
 * the new moments count from now, not from the past.
 */
export async function replaceAutomation(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: AutomationInput,
  retimed: boolean,
): Promise<AutomationRecord | null> {
  const result = await q.query<AutomationRecord>(
    `UPDATE automations SET name = $3, enabled = $4, trigger = $5, kind = $5::jsonb->>'kind',
       condition = $6, actions = $7, updated_at = tessera_now(),
       fires_since = CASE WHEN $8 THEN tessera_now() ELSE fires_since END
     WHERE org_uid = $1 AND uid = $2 RETURNING ${COLUMNS}`,
    [
      orgUid,
      uid,
      input.name,
      input.enabled,
      JSON.stringify(input.trigger),
      input.condition === null ? null : JSON.stringify(input.condition),
      JSON.stringify(input.actions),
      retimed,
    ],
  )
  return result.rows[0] ?? null
}

/** Deletes a rule with its firings; false when there was none. */
export async function deleteAutomation(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<boolean> {
  const result = await q.query('DELETE FROM automations WHERE org_uid = $1 AND uid = $2', [
    orgUid,
    uid,
  ])
  return (result.rowCount ?? 0) > 0
}

/** A queued change that event rules have to look at. */
export interface AutomationJob {
  id: string
  org_uid: string
  task_uid: string
  event_types: string[]
  depth: number
}

/** Claims the oldest queued jobs no other transaction holds; deleted by the caller. */
export async function claimAutomationJobs(q: Queryable, limit: number): Promise<AutomationJob[]> {
  const result = await q.query<AutomationJob>(
    `SELECT id::text AS id, org_uid, task_uid, event_types, depth FROM automation_jobs
     ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )
  return result.rows
}

export async function deleteAutomationJobs(q: Queryable, ids: string[]): Promise<void> {
  await q.query('DELETE FROM automation_jobs WHERE id = ANY ($1::bigint[])', [ids])
}

/** The organization's enabled event rules, oldest first. */
export async function enabledEventRules(q: Queryable, orgUid: string): Promise<AutomationRecord[]> {
  const result = await q.query<AutomationRecord>(
    `SELECT ${COLUMNS} FROM automations WHERE kind = 'event' AND enabled AND org_uid = $1
     ORDER BY created_at, uid`,
    [orgUid],
  )
  return result.rows
}

/**
 * Every enabled time rule of every organization, as (org, uid), oldest first: a tick that has
 * looked at a rule has looked at every older one before it.
 */
export async function enabledTimeRules(q: Queryable): Promise<{ org_uid: string; uid: string }[]> {
  const result = await q.query<{ org_uid: string; uid: string }>(
    `SELECT org_uid, uid FROM automations WHERE kind = 'time' AND enabled
     ORDER BY created_at, uid`,
  )
  return result.rows
}

/** Holds an enabled rule for this transaction, or null when another process holds it. */
export async function lockRuleSkipLocked(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<AutomationRecord | null> {
  const result = await q.query<AutomationRecord>(
    `SELECT ${COLUMNS} FROM automations WHERE org_uid = $1 AND uid = $2 AND enabled
     FOR UPDATE SKIP LOCKED`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Counts runs and holds of a rule, with its rate window as it stands after them. */
export async function recordRuleOutcome(
  q: Queryable,
  orgUid: string,
  uid: string,
  outcome: {
    runs: number
    skippedLoops: number
    skippedRate: number
    window: { start: Date | null; runs: number }
  },
): Promise<void> {
  await q.query(
    `UPDATE automations SET runs = runs + $3, skipped_loops = skipped_loops + $4,
       skipped_rate = skipped_rate + $5, rate_window_start = $6, rate_window_runs = $7,
       last_run_at = CASE WHEN $3 > 0 THEN tessera_now() ELSE last_run_at END
     WHERE org_uid = $1 AND uid = $2`,
    [
      orgUid,
      uid,
      outcome.runs,
      outcome.skippedLoops,
      outcome.skippedRate,
      outcome.window.start,
      outcome.window.runs,
    ],
  )
}

/** Whether a task of the organization matches a compiled condition now. */
export async function taskMatches(
  q: Queryable,
  orgUid: string,
  taskUid: string,
  condition: CompiledSql,
): Promise<boolean> {
  const result = await q.query(
    `SELECT 1 FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2 AND ${condition.sql}`,
    [orgUid, taskUid, ...condition.params],
  )
  return result.rows.length > 0
}

function anchorColumn(anchor: AutomationAnchor): string {
  if (!AUTOMATION_ANCHORS.includes(anchor)) {
    throw new Error(`not an anchor: ${anchor}`)
  }
  return `t.${anchor}`
}

/**
 * The tasks a time rule is due for now (the database's clock moved by `clockShiftMs`, a
 * test setting) (moment = anchor + offset, between the rule's
 * `fires_since` and now), not archived, matching its condition, not fired for that moment
 * yet: the earliest first, at most `limit`. The anchor's range is what the index scans.
 */
export async function dueTasksOfRule(
  q: Queryable,
  orgUid: string,
  rule: { uid: string; anchor: AutomationAnchor; offsetMinutes: number; firesSince: Date },
  condition: CompiledSql,
  limit: number,
  clockShiftMs = 0,
): Promise<{ uid: string; moment: Date }[]> {
  const column = anchorColumn(rule.anchor)
  const now = `(tessera_now() + make_interval(secs => ${Number(clockShiftMs) / 1000}))`
  const result = await q.query<{ uid: string; moment: Date }>(
    `SELECT t.uid, ${column} + make_interval(mins => $3) AS moment FROM tasks t
     WHERE t.org_uid = $1 AND NOT t.archived
       AND ${column} <= ${now} - make_interval(mins => $3)
       AND ${column} >= $4::timestamptz - make_interval(mins => $3)
       AND NOT EXISTS (
         SELECT 1 FROM automation_firings f
         WHERE f.org_uid = $1 AND f.automation_uid = $2 AND f.task_uid = t.uid
           AND f.moment = ${column} + make_interval(mins => $3))
       AND ${condition.sql}
     ORDER BY ${column}, t.uid LIMIT $5`,
    [orgUid, rule.uid, rule.offsetMinutes, rule.firesSince, limit, ...condition.params],
  )
  return result.rows
}

/** Records that a rule fired for these tasks' moments. */
export async function insertFirings(
  q: Queryable,
  orgUid: string,
  automationUid: string,
  firings: { uid: string; moment: Date }[],
): Promise<void> {
  await q.query(
    `INSERT INTO automation_firings (org_uid, automation_uid, task_uid, moment)
     SELECT $1, $2, f.uid, f.moment
     FROM jsonb_to_recordset($3::jsonb) AS f(uid uuid, moment timestamptz)
     ON CONFLICT DO NOTHING`,
    [orgUid, automationUid, JSON.stringify(firings)],
  )
}

/**
 * A comment by a rule, written in the name of the rule's author, with its history entry
 * naming the rule (`automation_uid`).
 */
export async function insertRuleComment(
  q: Queryable,
  input: {
    orgUid: string
    taskUid: string
    authorUid: string
    text: string
    automationUid: string
  },
): Promise<void> {
  await q.query(
    `WITH c AS (
       INSERT INTO task_comments (org_uid, task_uid, author_uid, text)
       SELECT $1, t.uid, $3, $4 FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2
       RETURNING uid, task_uid
     )
     INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data)
     SELECT $1, c.task_uid, 'commented', NULL,
       jsonb_build_object('comment_uid', c.uid, 'automation_uid', $5::text) FROM c`,
    [input.orgUid, input.taskUid, input.authorUid, input.text, input.automationUid],
  )
}

/** The open tasks (not DONE, not archived) a condition selects now: the first few and all. */
export async function openTasksMatching(
  q: Queryable,
  orgUid: string,
  condition: CompiledSql,
  limit: number,
): Promise<{ items: { uid: string; title: string | null }[]; total: number }> {
  const where = `t.org_uid = $1 AND NOT t.archived AND t.status <> 'DONE' AND ${condition.sql}`
  const params = [orgUid, ...condition.params]
  const [items, total] = await Promise.all([
    q.query<{ uid: string; title: string | null }>(
      `SELECT t.uid, t.fields->>'title' AS title FROM tasks t WHERE ${where}
       ORDER BY t.created_at, t.uid LIMIT ${Math.trunc(limit)}`,
      params,
    ),
    q.query<{ total: number }>(
      `SELECT count(*)::integer AS total FROM tasks t WHERE ${where}`,
      params,
    ),
  ])
  return { items: items.rows, total: total.rows[0]?.total ?? 0 }
}
