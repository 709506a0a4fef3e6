import { type Calendar, DEFAULT_CALENDAR } from '../contract/calendar'
import { AppError } from '../contract/errors'
import {
  type HourReport,
  type OperatorReport,
  type OperatorReportRow,
  type QueueReport,
  type QueueReportRow,
  REPORT_DEFAULT_DAYS,
  REPORT_MAX_DAYS,
  type ReportQuery,
  type SkipReason,
} from '../contract/reports'
import { type BusinessResolution, businessResolutionByGroup, reportPeriod } from '../core/reports'
import { type Queryable, withTransaction } from '../store/database'
import { listQueues } from '../store/queues'
import {
  type CompletionFiguresRecord,
  completedSpans,
  completionFigures,
  completionsByHour,
  type ReportDimension,
  type ReportScope,
  skipCounts,
} from '../store/reports'
import { listUsers } from '../store/users'
import type { OrgScope } from './actor'

/** The figures shared by a row of either report: everything but whom or what it is about. */
type Figures = Omit<OperatorReportRow, 'operator_uid' | 'name' | 'email'>

/** A report's period from its query, or a 422 naming the bound that is wrong. */
function periodOf(scope: OrgScope, query: ReportQuery): ReportScope {
  const period = reportPeriod(query, new Date(), {
    defaultDays: REPORT_DEFAULT_DAYS,
    maxDays: REPORT_MAX_DAYS,
  })
  if (Array.isArray(period)) {
    throw new AppError('validation_failed', 'The period is invalid.', period)
  }
  return { orgUid: scope.orgUid, ...period }
}

/**
 * A report's statements run in one read-only snapshot, so that the counts SQL computes and
 * the business times computed here from the rows it returns describe the same tasks.
 */
function inSnapshot<T>(scope: OrgScope, read: (client: Queryable) => Promise<T>): Promise<T> {
  return withTransaction(scope.db, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    return read(client)
  })
}

const NO_FIGURES: CompletionFiguresRecord = {
  key: null,
  completed: 0,
  handle_time_median: null,
  handle_time_p90: null,
  handle_time_business_median: null,
  handle_time_business_p90: null,
  resolution_time_median: null,
  resolution_time_p90: null,
  sla_tasks: 0,
  sla_met: 0,
  sla_business_tasks: 0,
  sla_business_met: 0,
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

/** A key of a map of rows: uids, or '' for the tasks of no operator or no queue. */
const keyText = (key: string | null) => key ?? ''

/**
 * Every figure of one report, per operator or per queue: the SQL figures and skips, and the
 * business resolution times measured on `calendar` from the completed tasks' rows. Keyed by
 * uid ('' for none); rows with neither completions nor skips are absent.
 */
async function figuresBy(
  scope: OrgScope,
  query: ReportQuery,
  calendar: Calendar,
  by: ReportDimension,
) {
  const period = periodOf(scope, query)
  const read = await inSnapshot(scope, async (client) => {
    const figures = await completionFigures(client, period, by)
    const spans = await completedSpans(client, period, by)
    const skips = await skipCounts(client, period, by)
    const names = by === 'operator' ? await listUsers(client, scope.orgUid) : null
    const queues = by === 'queue' ? await listQueues(client, scope.orgUid) : null
    return { figures, spans, skips, names, queues }
  })
  const business = businessResolutionByGroup(
    read.spans.map((span) => ({
      key: keyText(span.key),
      created_at: new Date(span.created_ms),
      done_at: new Date(span.done_ms),
    })),
    (span) => span.key,
    calendar,
  )
  const reasons = new Map<string, SkipReason[]>()
  for (const skip of read.skips) {
    const key = keyText(skip.key)
    reasons.set(key, [...(reasons.get(key) ?? []), { reason: skip.reason, count: skip.count }])
  }
  const sql = new Map(read.figures.map((row) => [keyText(row.key), row]))
  const figuresOf = (key: string): Figures =>
    present(sql.get(key) ?? NO_FIGURES, business.get(key), reasons.get(key) ?? [])
  const keys = new Set([...sql.keys(), ...reasons.keys()])
  return { period, read, keys, figuresOf }
}

function present(
  row: CompletionFiguresRecord,
  business: BusinessResolution | undefined,
  reasons: SkipReason[],
): Figures {
  const { key: _key, ...figures } = row
  return {
    ...figures,
    resolution_time_business_median: business?.median ?? null,
    resolution_time_business_p90: business?.p90 ?? null,
    skipped: reasons.reduce((sum, reason) => sum + reason.count, 0),
    skip_reasons: reasons.sort(
      (a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
    ),
    sla_compliance: ratio(row.sla_met, row.sla_tasks),
    sla_business_compliance: ratio(row.sla_business_met, row.sla_business_tasks),
  }
}

function periodShape(period: ReportScope, calendar: Calendar) {
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    time_zone: calendar.time_zone,
  }
}

/**
 * Per operator over the period: completions (counted for the task's assignee when it was
 * completed), handle and resolution times, skips with their reasons, SLA compliance. Users
 * with neither a completion nor a skip in the period are left out.
 */
export async function getOperatorReport(
  scope: OrgScope,
  calendar: Calendar | null,
  query: ReportQuery,
): Promise<OperatorReport> {
  const used = calendar ?? DEFAULT_CALENDAR
  const { period, read, keys, figuresOf } = await figuresBy(scope, query, used, 'operator')
  const users = new Map((read.names ?? []).map((user) => [user.uid, user]))
  const items = [...keys].map((key): OperatorReportRow => {
    const user = users.get(key)
    return {
      operator_uid: key === '' ? null : key,
      name: user?.name ?? null,
      email: user?.email ?? null,
      ...figuresOf(key),
    }
  })
  // Most completions first; then by name, the unassigned row last among equals.
  items.sort(
    (a, b) =>
      b.completed - a.completed ||
      Number(a.operator_uid === null) - Number(b.operator_uid === null) ||
      (a.name ?? a.email ?? '').localeCompare(b.name ?? b.email ?? ''),
  )
  return { ...periodShape(period, used), items }
}

/**
 * Per queue over the period, every queue in queue order (zeros included), then the tasks in
 * no queue (or in a queue deleted since) when any was completed or skipped.
 */
export async function getQueueReport(
  scope: OrgScope,
  calendar: Calendar | null,
  query: ReportQuery,
): Promise<QueueReport> {
  const used = calendar ?? DEFAULT_CALENDAR
  const { period, read, keys, figuresOf } = await figuresBy(scope, query, used, 'queue')
  const queues = read.queues ?? []
  const items: QueueReportRow[] = queues.map((queue) => ({
    queue_uid: queue.uid,
    name: queue.name,
    ...figuresOf(queue.uid),
  }))
  // The store counts a deleted queue's tasks as in no queue.
  if (keys.has('')) {
    items.push({ queue_uid: null, name: null, ...figuresOf('') })
  }
  return { ...periodShape(period, used), items }
}

/** Completions per weekday and hour of the day in the organization's time zone: 168 cells. */
export async function getHourReport(
  scope: OrgScope,
  calendar: Calendar | null,
  query: ReportQuery,
): Promise<HourReport> {
  const used = calendar ?? DEFAULT_CALENDAR
  const period = periodOf(scope, query)
  const rows = await completionsByHour(scope.db.pool, { ...period, timeZone: used.time_zone })
  const counts = new Map(rows.map((row) => [`${row.day_of_week}:${row.hour}`, row.completed]))
  const cells: HourReport['cells'] = []
  for (let day = 1; day <= 7; day++) {
    for (let hour = 0; hour < 24; hour++) {
      cells.push({ day_of_week: day, hour, completed: counts.get(`${day}:${hour}`) ?? 0 })
    }
  }
  return { ...periodShape(period, used), cells }
}
