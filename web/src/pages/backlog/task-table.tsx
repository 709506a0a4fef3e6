import { type KeyboardEvent, type PointerEvent, useMemo, useRef, useState } from 'react'
import type { Task } from '../../api'
import type { SearchMatch } from '../../fields'
import { useNow } from '../../ui/use-now'
import type { SortKey } from './backlog-filters'
import { type ColumnInfo, type ColumnSetting, columnInfo, MIN_WIDTH } from './columns'
import { CellContent, type CellContext, cellClass } from './task-cell'

export { FieldsSummary, isOverdue } from './task-cell'

/** How the rows are sorted, when by a column of the list. */
export interface SortState {
  key: SortKey
  descending: boolean
}

/** The checkboxes' side of the table; absent for readers who cannot act in bulk. */
export interface TableSelection {
  isSelected: (uid: string) => boolean
  /** `range`: shift was held (select everything from the last row clicked). */
  onToggle: (uid: string, range: boolean) => void
  pageState: 'none' | 'some' | 'all'
  onTogglePage: () => void
}

/** Props of {@link TaskTable}. */
export interface TaskTableProps {
  tasks: Task[]
  caption: string
  columns: ColumnSetting[]
  context: Omit<CellContext, 'now'>
  /** The order shown, when it is a column's; null for another (a queue's default). */
  sort: SortState | null
  onSort: (key: SortKey) => void
  /** The columns with their new widths, once a resize ends. */
  onResize: (columns: ColumnSetting[]) => void
  selection: TableSelection | null
  /** The row the keyboard is on (`j`/`k`). */
  focusedUid: string | null
  onFocusRow: (uid: string) => void
  /** Where the text filter matched each task, by uid; null when there is no text filter. */
  matches: ReadonlyMap<string, SearchMatch[]> | null
}

const RESIZE_STEP = 16

function SortHeader({
  info,
  sort,
  onSort,
}: {
  info: ColumnInfo
  sort: SortState | null
  onSort: (key: SortKey) => void
}) {
  if (!info.sortKey) {
    return (
      <span className="th-label" title="The list sorts by Due, Created or Updated only">
        {info.label}
      </span>
    )
  }
  const active = sort?.key === info.sortKey
  const arrow = active ? (sort?.descending ? '↓' : '↑') : '↕'
  return (
    <button
      type="button"
      className={active ? 'th-sort th-sort-active' : 'th-sort'}
      onClick={() => onSort(info.sortKey as SortKey)}
      title={
        active ? 'Click to reverse the order' : `Sort by ${info.label.toLowerCase()}, oldest first`
      }
    >
      {info.label}
      <span className="sort-arrow" aria-hidden="true">
        {arrow}
      </span>
    </button>
  )
}

/**
 * One page of tasks in the chosen columns: sortable headers where the list can sort, column
 * edges to drag (or move with the arrow keys) for their widths, a checkbox per row for bulk
 * actions, the row the keyboard is on, and under each title where the text filter matched.
 */
export function TaskTable(props: TaskTableProps) {
  // One clock for the whole table: a timer per row would cost a render per row per tick.
  const now = useNow(5000)
  const context: CellContext = { ...props.context, now }
  const infos = useMemo(
    () => props.columns.map((column) => columnInfo(column.key, props.context.definitions)),
    [props.columns, props.context.definitions],
  )
  const headers = useRef<(HTMLTableCellElement | null)[]>([])
  // Widths while a column edge is dragged; the address only learns the result.
  const [dragging, setDragging] = useState<ColumnSetting[] | null>(null)
  const shown = dragging ?? props.columns
  const sized = shown.some((column) => column.width !== undefined)

  /** Every column with a width: those not resized yet keep the width they have on screen. */
  const measured = (): ColumnSetting[] =>
    props.columns.map((column, index) => ({
      ...column,
      // A header not laid out (hidden on a phone, or in tests) measures 0: a sensible width.
      width: column.width ?? Math.round(headers.current[index]?.offsetWidth || 120),
    }))

  const withWidth = (columns: ColumnSetting[], index: number, width: number) =>
    columns.map((column, i) =>
      i === index ? { ...column, width: Math.max(MIN_WIDTH, Math.round(width)) } : column,
    )

  const startResize = (index: number, event: PointerEvent<HTMLButtonElement>) => {
    event.preventDefault()
    const start = measured()
    const startX = event.clientX
    const startWidth = start[index]?.width ?? 120
    const handle = event.currentTarget
    handle.setPointerCapture(event.pointerId)
    let last = start
    const move = (moved: globalThis.PointerEvent) => {
      last = withWidth(start, index, startWidth + moved.clientX - startX)
      setDragging(last)
    }
    const end = () => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', end)
      handle.removeEventListener('pointercancel', end)
      setDragging(null)
      props.onResize(last)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', end)
    handle.addEventListener('pointercancel', end)
  }

  const resizeByKey = (index: number, event: KeyboardEvent<HTMLButtonElement>) => {
    const step =
      event.key === 'ArrowRight' ? RESIZE_STEP : event.key === 'ArrowLeft' ? -RESIZE_STEP : 0
    if (step === 0) {
      return
    }
    event.preventDefault()
    const start = measured()
    props.onResize(withWidth(start, index, (start[index]?.width ?? 120) + step))
  }

  const selection = props.selection
  return (
    <div className="table-scroll">
      <table className={sized ? 'task-table task-table-sized' : 'task-table'}>
        <caption className="visually-hidden">{props.caption}</caption>
        {sized ? (
          <colgroup>
            {selection ? <col className="col-select" /> : null}
            {shown.map((column) => (
              <col
                key={column.key}
                style={column.width ? { width: `${column.width}px` } : undefined}
              />
            ))}
          </colgroup>
        ) : null}
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="cell-select">
                <input
                  type="checkbox"
                  aria-label="Select every task on this page"
                  checked={selection.pageState === 'all'}
                  ref={(box) => {
                    if (box) {
                      box.indeterminate = selection.pageState === 'some'
                    }
                  }}
                  onChange={selection.onTogglePage}
                />
              </th>
            ) : null}
            {infos.map((info, index) => {
              const active = props.sort !== null && props.sort.key === info.sortKey
              return (
                <th
                  key={info.key}
                  scope="col"
                  ref={(cell) => {
                    headers.current[index] = cell
                  }}
                  aria-sort={
                    active ? (props.sort?.descending ? 'descending' : 'ascending') : undefined
                  }
                >
                  <div className="th-inner">
                    <SortHeader info={info} sort={props.sort} onSort={props.onSort} />
                    <button
                      type="button"
                      className="column-resize"
                      aria-label={`Resize ${info.label}`}
                      title="Drag to resize (or focus and use ← →)"
                      onPointerDown={(event) => startResize(index, event)}
                      onKeyDown={(event) => resizeByKey(index, event)}
                    />
                  </div>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {props.tasks.map((task) => {
            const selected = selection?.isSelected(task.uid) ?? false
            const focused = props.focusedUid === task.uid
            const classes = [selected ? 'row-selected' : '', focused ? 'row-focused' : '']
            return (
              <tr
                key={task.uid}
                data-uid={task.uid}
                tabIndex={-1}
                className={classes.join(' ').trim() || undefined}
                onFocus={() => props.onFocusRow(task.uid)}
              >
                {selection ? (
                  <td className="cell-select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${task.fields.title}`}
                      checked={selected}
                      // Toggled on click, not change: only the click says whether shift was held.
                      readOnly
                      onClick={(event) => selection.onToggle(task.uid, event.shiftKey)}
                    />
                  </td>
                ) : null}
                {infos.map((info) => (
                  <td
                    key={info.key}
                    className={cellClass(info, task, now)}
                    data-label={info.key === 'fields.title' ? undefined : info.label}
                  >
                    <CellContent
                      column={info}
                      task={task}
                      context={context}
                      matches={props.matches?.get(task.uid) ?? null}
                    />
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
