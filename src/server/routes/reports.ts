import type { TSchema } from '@sinclair/typebox'
import type { OrgScope } from '../../app/actor'
import { getHourReport, getOperatorReport, getQueueReport } from '../../app/read-reports'
import type { Calendar } from '../../contract/calendar'
import { errorResponses } from '../../contract/common'
import { HourReport, OperatorReport, QueueReport, ReportQuery } from '../../contract/reports'
import { hourReportCsv, operatorReportCsv, queueReportCsv } from '../../presenters/report-csv'
import { principalOf } from '../plugins/auth'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const CSV = 'text/csv; charset=utf-8'
const errors = errorResponses(401, 403, 422)

const PERIOD =
  'Over [from, to): by default the last 7 days, at most 366 days (a 422 names the bound beyond). Completions count by done_at; archived tasks count nowhere. Business times are counted on the organization calendar.'

const FIGURES =
  'Per row: tasks completed, median and p90 handle time (work time: time spent STARTED) and resolution time (creation to completion), each on the wall clock and in business hours, skips in the player with their reasons, and SLA compliance (completed by sla_breach_at, and by sla_breach_business_at).'

/** A report's CSV twin: the same figures, one line per JSON row, as a download. */
const csvResponse = {
  200: {
    description: 'The report as CSV (UTF-8 with a byte-order mark, a header row).',
    content: { [CSV]: { schema: { type: 'string' } } },
  },
  ...errors,
}

type ReadReport<T> = (scope: OrgScope, calendar: Calendar | null, query: ReportQuery) => Promise<T>

const jsonSchema = <S extends TSchema>(summary: string, description: string, response: S) => ({
  summary,
  description,
  tags: ['reports'],
  querystring: ReportQuery,
  response: { 200: response, ...errors },
})

/** A report's CSV twin at `<path>.csv`: the same reader and query, one line per JSON row. */
function registerCsvTwin<T>(
  api: Api,
  db: RouteDeps['db'],
  report: { path: string; summary: string; read: ReadReport<T>; csv: (report: T) => string },
): void {
  const name = report.path.slice('/reports/'.length)
  api.get(
    `${report.path}.csv`,
    {
      config: { role: 'admin' },
      schema: {
        summary: `${report.summary}, as CSV`,
        description: `The figures of GET ${report.path}, one line per row (a plain link downloads it). ${PERIOD}`,
        tags: ['reports'],
        querystring: ReportQuery,
        produces: [CSV],
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const shown = await report.read(
        actingAs(request, db),
        principalOf(request).calendar,
        request.query,
      )
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .type(CSV)
        .header('content-disposition', `attachment; filename="report-${name}-${day}.csv"`)
        .send(report.csv(shown))
    },
  )
}

const OPERATORS = {
  path: '/reports/operators',
  summary: 'Report per operator',
  description: `${FIGURES} One row per user who completed (as the assignee) or skipped a task, and one (operator_uid null) for tasks completed unassigned. ${PERIOD}`,
}
const QUEUES = {
  path: '/reports/queues',
  summary: 'Report per queue',
  description: `${FIGURES} One row per queue, then one (queue_uid null) for tasks in no queue (or a queue deleted since) if any. ${PERIOD}`,
}
const HOURS = {
  path: '/reports/hours',
  summary: 'Completions per hour of the week',
  description: `Tasks completed per ISO weekday and hour of the day in the organization time zone: the heat map of when work gets done. ${PERIOD}`,
}

/**
 * The manager's reports: per operator, per queue, and completions per hour of the week, for
 * admins (figures about each colleague's work are a manager's). Each is JSON, and CSV under
 * the same path with `.csv`.
 */
export function registerReportRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    OPERATORS.path,
    {
      config: { role: 'admin' },
      schema: jsonSchema(OPERATORS.summary, OPERATORS.description, OperatorReport),
    },
    async (request) =>
      getOperatorReport(actingAs(request, db), principalOf(request).calendar, request.query),
  )
  registerCsvTwin(api, db, { ...OPERATORS, read: getOperatorReport, csv: operatorReportCsv })

  api.get(
    QUEUES.path,
    {
      config: { role: 'admin' },
      schema: jsonSchema(QUEUES.summary, QUEUES.description, QueueReport),
    },
    async (request) =>
      getQueueReport(actingAs(request, db), principalOf(request).calendar, request.query),
  )
  registerCsvTwin(api, db, { ...QUEUES, read: getQueueReport, csv: queueReportCsv })

  api.get(
    HOURS.path,
    { config: { role: 'admin' }, schema: jsonSchema(HOURS.summary, HOURS.description, HourReport) },
    async (request) =>
      getHourReport(actingAs(request, db), principalOf(request).calendar, request.query),
  )
  registerCsvTwin(api, db, { ...HOURS, read: getHourReport, csv: hourReportCsv })
}
