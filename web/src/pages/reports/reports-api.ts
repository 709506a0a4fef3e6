import { apiBaseUrl, queryKeys, unwrap, useApiQuery } from '../../api'
import type { ReportRange } from './report-format'

// Under the dashboard's key: live task events refresh the reports as they do the charts.
const reportKey = (name: string, range: ReportRange | null) =>
  [...queryKeys.dashboard, 'reports', name, range?.from, range?.to] as const

/** `GET /reports/operators` over the range; waits while there is none. */
export function useOperatorReport(range: ReportRange | null) {
  return useApiQuery(
    reportKey('operators', range),
    (api) => unwrap(api.GET('/reports/operators', { params: { query: range ?? {} } })),
    { enabled: range !== null },
  )
}

/** `GET /reports/queues` over the range. */
export function useQueueReport(range: ReportRange | null) {
  return useApiQuery(
    reportKey('queues', range),
    (api) => unwrap(api.GET('/reports/queues', { params: { query: range ?? {} } })),
    { enabled: range !== null },
  )
}

/** `GET /reports/hours` over the range: the heat map. */
export function useHourReport(range: ReportRange | null) {
  return useApiQuery(
    reportKey('hours', range),
    (api) => unwrap(api.GET('/reports/hours', { params: { query: range ?? {} } })),
    { enabled: range !== null },
  )
}

export type ReportName = 'operators' | 'queues' | 'hours'

/**
 * The address of a report's CSV twin. A plain link downloads it: the browser sends the
 * session cookie with a same-origin GET, as for the task export.
 */
export function reportCsvUrl(name: ReportName, range: ReportRange, base = apiBaseUrl()): string {
  const search = new URLSearchParams({ from: range.from, ...(range.to ? { to: range.to } : {}) })
  return `${base}/reports/${name}.csv?${search.toString()}`
}
