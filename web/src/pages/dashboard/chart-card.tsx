import { type ReactNode, useId } from 'react'
import { TableHead } from '../../ui/table-head'

export interface ChartTable {
  columns: readonly string[]
  rows: readonly (readonly (string | number)[])[]
}

export interface ChartCardProps {
  title: string
  /** A sentence that says what the chart shows, for screen readers. */
  summary: string
  empty: boolean
  emptyText?: string
  /** The same figures as a table: charts cannot be read by everyone. */
  table: ChartTable
  children: ReactNode
}

/** A titled chart with its empty state and its figures as a table on demand. */
export function ChartCard({ title, summary, empty, emptyText, table, children }: ChartCardProps) {
  const id = useId()
  return (
    <section className="panel db-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? (
        <p className="db-empty">{emptyText ?? 'No data for this period'}</p>
      ) : (
        <>
          <div className="db-chart" role="img" aria-label={summary}>
            {children}
          </div>
          <details className="db-table">
            <summary>Show as table</summary>
            <div className="table-scroll">
              <table className="db-figures">
                <TableHead caption={title} columns={table.columns} />
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={String(row[0])}>
                      {row.map((cell, i) => (
                        // Cells of a row are identified by their column.
                        // biome-ignore lint/suspicious/noArrayIndexKey: see above
                        <td key={i}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  )
}
