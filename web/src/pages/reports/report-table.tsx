import { type ReactNode, useState } from 'react'
import { formatCount, formatDuration } from '../../ui/format'
import { formatShare, type ReportRow, rowName } from './report-format'

/** Wall-clock figures, or the same counted in business hours. */
export type TimeBasis = 'calendar' | 'business'

type Column = {
  key: string
  label: string
  /** What the column sorts by; null sorts last whatever the direction. */
  value: (row: ReportRow) => number | string | null
  show: (row: ReportRow) => ReactNode
}

const duration = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds))

function columns(basis: TimeBasis, nameLabel: string): Column[] {
  const b = basis === 'business'
  const time = (key: string, label: string, pick: (row: ReportRow) => number | null): Column => ({
    key,
    label,
    value: pick,
    show: (row) => duration(pick(row)),
  })
  return [
    { key: 'name', label: nameLabel, value: rowName, show: rowName },
    {
      key: 'completed',
      label: 'Completed',
      value: (row) => row.completed,
      show: (row) => formatCount(row.completed),
    },
    time('handle_median', 'Handle time, median', (row) =>
      b ? row.handle_time_business_median : row.handle_time_median,
    ),
    time('handle_p90', 'Handle time, p90', (row) =>
      b ? row.handle_time_business_p90 : row.handle_time_p90,
    ),
    time('resolution_median', 'Resolution, median', (row) =>
      b ? row.resolution_time_business_median : row.resolution_time_median,
    ),
    time('resolution_p90', 'Resolution, p90', (row) =>
      b ? row.resolution_time_business_p90 : row.resolution_time_p90,
    ),
    {
      key: 'skipped',
      label: 'Skips',
      value: (row) => row.skipped,
      show: (row) => (
        <>
          {formatCount(row.skipped)}
          {row.skip_reasons.length > 0 ? (
            <ul className="rp-reasons">
              {row.skip_reasons.map((reason) => (
                <li key={reason.reason}>
                  {reason.reason || '(no reason)'}: {formatCount(reason.count)}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ),
    },
    {
      key: 'sla',
      label: 'SLA met',
      value: (row) => (b ? row.sla_business_compliance : row.sla_compliance),
      show: (row) => {
        const share = b ? row.sla_business_compliance : row.sla_compliance
        const [met, of] = b
          ? [row.sla_business_met, row.sla_business_tasks]
          : [row.sla_met, row.sla_tasks]
        return share === null ? '—' : `${formatShare(share)} (${met}/${of})`
      },
    },
  ]
}

interface Sort {
  key: string
  descending: boolean
}

function compare(a: number | string | null, b: number | string | null): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.localeCompare(b)
  }
  return (a as number) - (b as number)
}

/** Props of {@link ReportTable}. */
export interface ReportTableProps {
  caption: string
  nameLabel: string
  rows: readonly ReportRow[]
  basis: TimeBasis
  /** The key of each row (its uid, '' for the row of none). */
  rowKey: (row: ReportRow) => string
}

/**
 * A report's rows, sortable by any column (a button in each heading). On a phone each row is
 * a block of label–value lines, the headings a row of sort buttons above them.
 */
export function ReportTable({ caption, nameLabel, rows, basis, rowKey }: ReportTableProps) {
  const [sort, setSort] = useState<Sort>({ key: 'completed', descending: true })
  const shown = columns(basis, nameLabel)
  const by = shown.find((column) => column.key === sort.key) ?? shown[1]
  const sorted = [...rows].sort((x, y) => {
    const [a, b] = [by?.value(x) ?? null, by?.value(y) ?? null]
    if (a === null || b === null) {
      return Number(a === null) - Number(b === null)
    }
    return sort.descending ? compare(b, a) : compare(a, b)
  })
  return (
    <div className="table-scroll">
      <table className="rp-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {shown.map((column) => {
              const active = column.key === sort.key
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  <button
                    type="button"
                    className="rp-sort"
                    onClick={() =>
                      setSort({
                        key: column.key,
                        // A new column starts with its largest (or A first for names).
                        descending: active ? !sort.descending : column.key !== 'name',
                      })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true" className="rp-sort-arrow">
                      {active ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} data-key={rowKey(row)}>
              {shown.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row">
                    {column.show(row)}
                  </th>
                ) : (
                  // The label heads the value where a phone stacks each row (reports.css).
                  <td key={column.key} data-column={column.key} data-label={column.label}>
                    {column.show(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
