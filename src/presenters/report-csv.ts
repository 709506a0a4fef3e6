import { stringify } from 'csv-stringify/sync'
import type {
  HourReport,
  OperatorReport,
  OperatorReportRow,
  QueueReport,
  QueueReportRow,
} from '../contract/reports'
import { cellText } from '../core/tasks/export-columns'

/** The figures' columns, in the order of the JSON rows. */
const FIGURES = [
  'completed',
  'handle_time_median',
  'handle_time_p90',
  'handle_time_business_median',
  'handle_time_business_p90',
  'resolution_time_median',
  'resolution_time_p90',
  'resolution_time_business_median',
  'resolution_time_business_p90',
  'skipped',
  'skip_reasons',
  'sla_tasks',
  'sla_met',
  'sla_compliance',
  'sla_business_tasks',
  'sla_business_met',
  'sla_business_compliance',
] as const

/**
 * Rows as CSV: UTF-8 with a byte-order mark (Excel reads accents right), a header row with
 * the JSON's keys, the period in every row so a file stands on its own. A cell holds what the
 * JSON holds: numbers as they are, null empty, `skip_reasons` as its JSON, and text that a
 * spreadsheet would run as a formula with a leading apostrophe (as the task export does).
 */
function csvOf<T extends object>(
  period: { from: string; to: string },
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): string {
  const header = ['from', 'to', ...columns]
  const body = rows.map((row) => [
    period.from,
    period.to,
    ...columns.map((column) => {
      const value = row[column]
      // Arrays of objects (skip_reasons) as their JSON, an empty one too ("[]").
      return cellText(Array.isArray(value) ? JSON.stringify(value) : value)
    }),
  ])
  return stringify([header, ...body], { bom: true })
}

/** `GET /reports/operators.csv`: one line per row of the JSON report. */
export function operatorReportCsv(report: OperatorReport): string {
  const columns: (keyof OperatorReportRow)[] = ['operator_uid', 'name', 'email', ...FIGURES]
  return csvOf(report, columns, report.items)
}

/** `GET /reports/queues.csv`: one line per row of the JSON report. */
export function queueReportCsv(report: QueueReport): string {
  const columns: (keyof QueueReportRow)[] = ['queue_uid', 'name', ...FIGURES]
  return csvOf(report, columns, report.items)
}

/** `GET /reports/hours.csv`: one line per weekday and hour, as the JSON's cells. */
export function hourReportCsv(report: HourReport): string {
  return csvOf(report, ['day_of_week', 'hour', 'completed'], report.cells)
}
