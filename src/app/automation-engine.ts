import type { BaseLogger } from 'pino'
import type { AutomationAction } from '../contract/automations'
import {
  MAX_RUNS_PER_MINUTE,
  type RateWindow,
  takeRun,
  withinDepth,
} from '../core/automations/bounds'
import type { AutomationSettings } from '../core/automations/settings'
import { matchesEvents, patchOfActions } from '../core/automations/triggers'
import { compileCondition } from '../core/conditions'
import {
  type AutomationRecord,
  claimAutomationJobs,
  deleteAutomationJobs,
  dueTasksOfRule,
  enabledEventRules,
  enabledTimeRules,
  insertFirings,
  insertRuleComment,
  lockRuleSkipLocked,
  recordRuleOutcome,
  taskMatches,
} from '../store/automations'
import { type Database, type Queryable, withTransaction } from '../store/database'
import {
  type OutboundRule,
  queueRuleNotification,
  queueRuleWebhookCall,
} from './automation-outbound'
import { patchTasksWithin } from './write-tasks'

/** Event jobs are looked at this often at most (and at each tick if that is shorter). */
const JOB_POLL_MS = 1000
const JOB_BATCH = 100
/** Tasks one time rule acts on per transaction; a larger backlog takes several at once. */
const FIRING_BATCH = 500

/** The automation loop of one server process. */
export interface AutomationEngine {
  stop(): Promise<void>
}

interface Tally {
  runs: number
  skippedLoops: number
  skippedRate: number
  window: RateWindow
}

/**
 * Runs one rule's actions on one task inside `q`, as the rule: the same PATCH transition as
 * the API (routing, SLA, history, webhooks, live updates follow), each history entry naming
 * the rule. Changes it makes queue event jobs at `depth + 1` (the trigger reads the setting).
 */
async function act(
  q: Queryable,
  db: Database,
  orgUid: string,
  rule: OutboundRule & { actions: AutomationAction[]; created_by: string | null },
  taskUid: string,
  depth: number,
): Promise<void> {
  await q.query(`SELECT set_config('tessera.automation_depth', $1, true)`, [String(depth)])
  const { patch, comments } = patchOfActions(rule.actions)
  if (Object.keys(patch).length > 0) {
    await patchTasksWithin(
      q,
      { db, orgUid, actorUid: null, role: 'admin', automationUid: rule.uid },
      [{ ...patch, uid: taskUid }],
      () => '/then',
    )
  }
  for (const text of comments) {
    if (rule.created_by) {
      await insertRuleComment(q, {
        orgUid,
        taskUid,
        authorUid: rule.created_by,
        text,
        automationUid: rule.uid,
      })
    }
  }
  // After the changes: a webhook's snapshot and a message describe the task as the rule left it.
  for (const action of rule.actions) {
    if (action.type === 'send_notification') {
      await queueRuleNotification(q, orgUid, rule, action, taskUid)
    } else if (action.type === 'call_webhook') {
      await queueRuleWebhookCall(q, orgUid, rule, action.webhook_uid, taskUid)
    }
  }
}

/** `act` in a savepoint: a rule that cannot apply to a task (refused) leaves the rest be. */
async function actIsolated(
  q: Queryable,
  log: Pick<BaseLogger, 'warn'>,
  db: Database,
  orgUid: string,
  rule: AutomationRecord,
  taskUid: string,
  depth: number,
): Promise<boolean> {
  await q.query('SAVEPOINT automation_action')
  try {
    await act(q, db, orgUid, rule, taskUid, depth)
    await q.query('RELEASE SAVEPOINT automation_action')
    return true
  } catch (error) {
    await q.query('ROLLBACK TO SAVEPOINT automation_action')
    log.warn({ err: error, automation: rule.uid, task: taskUid }, 'an automation could not act')
    return false
  }
}

/**
 * Runs the event rules of the oldest queued changes, in one transaction with the deletion of
 * their jobs: a change is acted on once, even with several processes (SKIP LOCKED).
 *
 * @returns the number of jobs handled
 */
export async function runEventJobs(
  db: Database,
  log: Pick<BaseLogger, 'warn'>,
  limit = JOB_BATCH,
): Promise<number> {
  return withTransaction(db, async (q) => {
    const jobs = await claimAutomationJobs(q, limit)
    const rulesOf = new Map<string, AutomationRecord[]>()
    const tallies = new Map<string, { orgUid: string; tally: Tally }>()
    for (const job of jobs) {
      let rules = rulesOf.get(job.org_uid)
      if (!rules) {
        rules = await enabledEventRules(q, job.org_uid)
        rulesOf.set(job.org_uid, rules)
      }
      for (const rule of rules) {
        if (rule.trigger.kind !== 'event' || !matchesEvents(rule.trigger.on, job.event_types)) {
          continue
        }
        const condition = rule.condition
          ? compileCondition(rule.condition, 2)
          : { sql: 'TRUE', params: [] }
        if (!(await taskMatches(q, job.org_uid, job.task_uid, condition))) {
          continue
        }
        const entry = tallies.get(rule.uid) ?? {
          orgUid: job.org_uid,
          tally: {
            runs: 0,
            skippedLoops: 0,
            skippedRate: 0,
            window: { start: rule.rate_window_start, runs: rule.rate_window_runs },
          },
        }
        tallies.set(rule.uid, entry)
        const { tally } = entry
        if (!withinDepth(job.depth)) {
          tally.skippedLoops += 1
          continue
        }
        const taken = takeRun(tally.window, new Date(), MAX_RUNS_PER_MINUTE)
        tally.window = taken.window
        if (!taken.allowed) {
          tally.skippedRate += 1
          continue
        }
        if (await actIsolated(q, log, db, job.org_uid, rule, job.task_uid, job.depth)) {
          tally.runs += 1
        }
      }
    }
    for (const [uid, { orgUid, tally }] of tallies) {
      await recordRuleOutcome(q, orgUid, uid, tally)
    }
    await deleteAutomationJobs(
      q,
      jobs.map((job) => job.id),
    )
    return jobs.length
  })
}

/**
 * Fires one time rule for the tasks it is due for, in one transaction holding the rule's row
 * (SKIP LOCKED: another process holding it is doing this work), each firing recorded with its
 * actions: exactly once per task and moment.
 *
 * @returns the number of tasks it was due for (a full batch: look again)
 */
export async function fireTimeRule(
  db: Database,
  log: Pick<BaseLogger, 'warn'>,
  orgUid: string,
  uid: string,
  settings: AutomationSettings,
): Promise<number> {
  return withTransaction(db, async (q) => {
    const rule = await lockRuleSkipLocked(q, orgUid, uid)
    if (rule?.trigger.kind !== 'time') {
      return 0
    }
    const condition = rule.condition
      ? compileCondition(rule.condition, 5)
      : { sql: 'TRUE', params: [] }
    const due = await dueTasksOfRule(
      q,
      orgUid,
      {
        uid: rule.uid,
        anchor: rule.trigger.anchor,
        offsetMinutes: rule.trigger.offset_minutes,
        firesSince: rule.fires_since,
      },
      condition,
      FIRING_BATCH,
      settings.clockShiftMs,
    )
    let runs = 0
    for (const task of due) {
      if (await actIsolated(q, log, db, orgUid, rule, task.uid, 0)) {
        runs += 1
      }
    }
    // A task the rule could not act on is recorded too: it is not retried at every tick.
    await insertFirings(q, orgUid, rule.uid, due)
    if (due.length > 0) {
      await recordRuleOutcome(q, orgUid, rule.uid, {
        runs,
        skippedLoops: 0,
        skippedRate: 0,
        window: { start: rule.rate_window_start, runs: rule.rate_window_runs },
      })
    }
    return due.length
  })
}

/** Every enabled time rule, each until it has no due task left. */
export async function fireTimeRules(
  db: Database,
  log: Pick<BaseLogger, 'warn'>,
  settings: AutomationSettings,
): Promise<void> {
  for (const rule of await enabledTimeRules(db.pool)) {
    while ((await fireTimeRule(db, log, rule.org_uid, rule.uid, settings)) === FIRING_BATCH) {
      // A backlog (after downtime): the next batch right away.
    }
  }
}

/**
 * Starts this process's automation loop: queued event jobs every second (or tick), time
 * rules every tick, the first at once (a moment that passed while no server ran fires now).
 */
export function startAutomationEngine(options: {
  db: Database
  settings: AutomationSettings
  log: Pick<BaseLogger, 'warn'>
}): AutomationEngine {
  const { db, settings, log } = options
  let stopping = false
  let running: Promise<void> | null = null
  let timer: NodeJS.Timeout | undefined
  let lastTimeTick = 0
  const pollMs = Math.min(JOB_POLL_MS, settings.tickMs)

  const once = async () => {
    while ((await runEventJobs(db, log)) === JOB_BATCH && !stopping) {
      // A full batch: more are queued.
    }
    if (Date.now() - lastTimeTick >= settings.tickMs) {
      lastTimeTick = Date.now()
      await fireTimeRules(db, log, settings)
    }
  }
  const loop = () => {
    if (stopping) {
      return
    }
    running = once()
      .catch((error: unknown) => {
        log.warn({ err: error }, 'automations could not run')
      })
      .finally(() => {
        running = null
        if (!stopping) {
          timer = setTimeout(loop, pollMs)
          timer.unref()
        }
      })
  }
  loop()
  return {
    async stop() {
      stopping = true
      clearTimeout(timer)
      await running
    },
  }
}
