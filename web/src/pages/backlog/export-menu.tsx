import { apiBaseUrl } from '../../api'
import { formatCount } from '../../ui/format'
import { Popover } from './popover'

/** What an export holds: every task of a filter, in an order, in some columns. */
export interface ExportRequest {
  filter: Record<string, string | string[]>
  sort: string | null
  columns: readonly string[]
}

/**
 * The address of `GET /tasks/export` for the request. A plain link downloads it: the browser
 * sends the session cookie with a same-origin GET, and the server needs the CSRF header only
 * on unsafe methods, so the file streams to disk without passing through the page's memory.
 */
export function exportUrl(
  request: ExportRequest,
  format: 'csv' | 'jsonl',
  base: string = apiBaseUrl(),
): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(request.filter)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      search.append(key, one)
    }
  }
  if (request.sort) {
    search.set('sort', request.sort)
  }
  search.set('format', format)
  if (format === 'csv' && request.columns.length > 0) {
    search.set('columns', request.columns.join(','))
  }
  return `${base}/tasks/export?${search.toString()}`
}

/** Props of {@link ExportMenu}. */
export interface ExportMenuProps {
  request: ExportRequest
  /** Tasks the filter matches now, to say how big the file will be. */
  total: number | null
}

/** Export: a CSV of the filter in the columns shown, or JSON Lines (whole tasks) for machines. */
export function ExportMenu({ request, total }: ExportMenuProps) {
  return (
    <Popover label="Export" title="Export" className="export-menu">
      {() => (
        <div className="export-panel">
          <p className="small">
            {total === null ? 'Every task' : `All ${formatCount(total)} tasks`} matching this
            filter, not only this page.
          </p>
          <a className="button-primary" href={exportUrl(request, 'csv')} download>
            Download CSV
          </a>
          <p className="muted small">In the columns shown, for spreadsheets.</p>
          <a className="button-secondary" href={exportUrl(request, 'jsonl')} download>
            Download JSON Lines
          </a>
          <p className="muted small">Whole tasks, one per line, for scripts.</p>
        </div>
      )}
    </Popover>
  )
}
