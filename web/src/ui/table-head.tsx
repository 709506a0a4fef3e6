import type { AriaAttributes } from 'react'

/** A column heading with how the rows are sorted on it, for screen readers. */
export interface SortedColumn {
  label: string
  sort?: AriaAttributes['aria-sort']
}

/** Props of {@link TableHead}. */
export interface TableHeadProps {
  /** The table's name, for screen readers (the page shows it in a heading or not at all). */
  caption?: string
  columns: readonly (string | SortedColumn)[]
  /** Adds a last column, named for screen readers only, for each row's buttons. */
  actions?: boolean
}

/** A table's hidden caption and its row of column headings: put it first in the `<table>`. */
export function TableHead({ caption, columns, actions = false }: TableHeadProps) {
  return (
    <>
      {caption === undefined ? null : <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => {
            const { label, sort } = typeof column === 'string' ? { label: column } : column
            return (
              <th key={label} scope="col" aria-sort={sort}>
                {label}
              </th>
            )
          })}
          {actions ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
    </>
  )
}
