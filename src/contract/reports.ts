import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Timestamp, Uid } from './common'

/** Longest period one report may cover, in days. */
export const REPORT_MAX_DAYS = 366
/** Days covered when the query names no `from`. */
export const REPORT_DEFAULT_DAYS = 7

export const ReportQuery = Type.Object(
  {
    from: Type.Optional({
      ...Timestamp,
      description: `Start of the period, included (default: ${REPORT_DEFAULT_DAYS} days before \`to\`).`,
    }),
    to: Type.Optional({
      ...Timestamp,
      description: `End of the period, excluded (default: now). At most ${REPORT_MAX_DAYS} days after \`from\`.`,
    }),
  },
  { $id: 'ReportQuery' },
)
export type ReportQuery = Static<typeof ReportQuery>

const count = (description: string) => Type.Integer({ minimum: 0, description })

const seconds = (description: string) =>
  Nullable(
    Type.Number({
      minimum: 0,
      description: `${description}, in seconds (to the millisecond), over the tasks completed in the period; null when none was.`,
    }),
  )

const share = (description: string) =>
  Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: `${description}; null when no task completed in the period had that deadline.`,
    }),
  )

export const SkipReason = Type.Object({
  reason: Type.String({ description: 'As the operator typed it in the player.' }),
  count: count('Skips with that reason in the period.'),
})
export type SkipReason = Static<typeof SkipReason>

/**
 * The figures of one row of a report (an operator or a queue). Durations follow a task's own
 * metrics: handle time is its `work_time` (time spent STARTED), resolution time runs from
 * creation to completion; each also in business time (the organization's calendar).
 */
export const ReportFigures = {
  completed: count('Tasks completed in the period.'),
  handle_time_median: seconds('Median handle time (work time: time spent STARTED)'),
  handle_time_p90: seconds('90th percentile of handle time'),
  handle_time_business_median: seconds('Median handle time in business hours'),
  handle_time_business_p90: seconds('90th percentile of handle time in business hours'),
  resolution_time_median: seconds('Median resolution time (creation to completion)'),
  resolution_time_p90: seconds('90th percentile of resolution time'),
  resolution_time_business_median: seconds('Median resolution time in business hours'),
  resolution_time_business_p90: seconds('90th percentile of resolution time in business hours'),
  skipped: count('Skips in the player in the period.'),
  skip_reasons: Type.Array(SkipReason, {
    description: 'The skips by reason, most frequent first.',
  }),
  sla_tasks: count(
    'Tasks completed in the period that had deadlines of an SLA policy (first_response_due_at, resolution_due_at).',
  ),
  sla_met: count(
    'Of those, started by their first response deadline and completed by their resolution deadline.',
  ),
  sla_compliance: share('sla_met / sla_tasks'),
  sla_business_tasks: count(
    'Tasks completed in the period that had a Fragment-compatible business-hours breach time (sla_breach_business_at, on the organization calendar).',
  ),
  sla_business_met: count('Of those, completed at or before that deadline.'),
  sla_business_compliance: share('sla_business_met / sla_business_tasks'),
}

const Period = {
  from: { ...Timestamp, description: 'Start of the period, included.' },
  to: { ...Timestamp, description: 'End of the period, excluded.' },
  time_zone: Type.String({ description: 'The organization time zone business time is kept in.' }),
}

export const OperatorReportRow = Type.Object(
  {
    operator_uid: Nullable({
      ...Uid,
      description:
        'The user the tasks were assigned to when completed; null: completed unassigned.',
    }),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    ...ReportFigures,
  },
  { $id: 'OperatorReportRow' },
)
export type OperatorReportRow = Static<typeof OperatorReportRow>

export const OperatorReport = Type.Object(
  {
    ...Period,
    items: Type.Array(OperatorReportRow, {
      description:
        'One row per user who completed or skipped a task in the period (most completions first), and one (operator_uid null) for tasks completed while assigned to nobody.',
    }),
  },
  { $id: 'OperatorReport' },
)
export type OperatorReport = Static<typeof OperatorReport>

export const QueueReportRow = Type.Object(
  {
    queue_uid: Nullable({ ...Uid, description: 'The queue; null for tasks in no queue.' }),
    name: Nullable(Type.String()),
    ...ReportFigures,
  },
  { $id: 'QueueReportRow' },
)
export type QueueReportRow = Static<typeof QueueReportRow>

export const QueueReport = Type.Object(
  {
    ...Period,
    items: Type.Array(QueueReportRow, {
      description:
        'Every queue, in queue order, then (queue_uid null) the tasks in no queue if any completed or was skipped. A task counts in the queue it is in now (a completed task stays in the queue it was completed in).',
    }),
  },
  { $id: 'QueueReport' },
)
export type QueueReport = Static<typeof QueueReport>

export const HourReport = Type.Object(
  {
    ...Period,
    cells: Type.Array(
      Type.Object({
        day_of_week: Type.Integer({
          minimum: 1,
          maximum: 7,
          description: 'ISO day of the week in the organization time zone: 1 Monday … 7 Sunday.',
        }),
        hour: Type.Integer({ minimum: 0, maximum: 23, description: 'Hour of the day, local.' }),
        completed: count('Tasks completed in that hour of that weekday, over the period.'),
      }),
      { description: 'All 168 cells, Monday 00h first.' },
    ),
  },
  { $id: 'HourReport' },
)
export type HourReport = Static<typeof HourReport>
