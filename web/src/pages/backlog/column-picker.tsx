import { type FormEvent, useState } from 'react'
import type { FieldDefinition } from '../../api'
import {
  availableColumns,
  type ColumnSetting,
  columnInfo,
  editableColumns,
  isKnownColumn,
  moveColumn,
  TITLE_COLUMN,
} from './columns'
import { Popover } from './popover'

/** Props of {@link ColumnPicker}. */
export interface ColumnPickerProps {
  /** The reader's columns, or null for the default set. */
  columns: ColumnSetting[] | null
  definitions: readonly FieldDefinition[]
  /** Custom field keys on the tasks shown, offered besides the defined ones. */
  seenFieldKeys: readonly string[]
  onChange: (columns: ColumnSetting[] | null) => void
}

/**
 * Which columns the table shows, in which order: any column of the export (the task's keys,
 * queue and assignee names, every custom field by its label), moved with buttons or by
 * dragging, removed, or reset to the default set.
 */
export function ColumnPicker(props: ColumnPickerProps) {
  return (
    <Popover label="Columns" title="Columns" className="column-picker">
      {() => <ColumnPanel {...props} />}
    </Popover>
  )
}

function ColumnPanel({ columns, definitions, seenFieldKeys, onChange }: ColumnPickerProps) {
  const current = editableColumns(columns)
  const shownKeys = new Set(current.map((column) => column.key))
  const groups = availableColumns(definitions, seenFieldKeys)
  const [adding, setAdding] = useState('')
  const [fieldKey, setFieldKey] = useState('')
  const [dragged, setDragged] = useState<number | null>(null)
  const label = (key: string) => columnInfo(key, definitions).label

  const add = (key: string) => {
    if (isKnownColumn(key) || key === 'fields') {
      if (!shownKeys.has(key)) {
        onChange([...current, { key }])
      }
    }
  }
  const addChosen = (event: FormEvent) => {
    event.preventDefault()
    add(adding)
    setAdding('')
  }
  const addField = (event: FormEvent) => {
    event.preventDefault()
    const key = fieldKey.trim()
    if (key) {
      add(`fields.${key}`)
      setFieldKey('')
    }
  }

  return (
    <div className="column-panel">
      <h2 className="popover-title">Columns, in order</h2>
      <p className="muted small">
        Drag a column, or use the arrows. Drag a header’s edge to resize it.
      </p>
      <ol className="column-list">
        {current.map((column, index) => {
          const name = label(column.key)
          return (
            <li
              key={column.key}
              draggable
              className={dragged === index ? 'column-item dragging' : 'column-item'}
              onDragStart={(event) => {
                setDragged(index)
                event.dataTransfer.effectAllowed = 'move'
              }}
              onDragOver={(event) => {
                if (dragged !== null) {
                  event.preventDefault()
                }
              }}
              onDrop={(event) => {
                event.preventDefault()
                if (dragged !== null) {
                  onChange(moveColumn(current, dragged, index))
                }
                setDragged(null)
              }}
              onDragEnd={() => setDragged(null)}
            >
              <span className="drag-grip" aria-hidden="true">
                ⋮⋮
              </span>
              <span className="column-name">{name}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${name} up`}
                disabled={index === 0}
                onClick={() => onChange(moveColumn(current, index, index - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${name} down`}
                disabled={index === current.length - 1}
                onClick={() => onChange(moveColumn(current, index, index + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${name}`}
                // The title is every row's link to its task.
                disabled={column.key === TITLE_COLUMN}
                title={
                  column.key === TITLE_COLUMN ? 'The title opens the task: always shown' : undefined
                }
                onClick={() => onChange(current.filter((other) => other.key !== column.key))}
              >
                ×
              </button>
            </li>
          )
        })}
      </ol>
      <form className="column-add" onSubmit={addChosen}>
        <label className="field">
          <span>Add a column</span>
          <select value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">Choose…</option>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.columns
                  .filter((info) => !shownKeys.has(info.key))
                  .map((info) => (
                    <option key={info.key} value={info.key}>
                      {info.label}
                      {info.sortKey ? ' (sortable)' : ''}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="submit" className="button-secondary" disabled={!adding}>
          Add
        </button>
      </form>
      <form className="column-add" onSubmit={addField}>
        <label className="field">
          <span>Or a custom field by key</span>
          <input
            type="text"
            value={fieldKey}
            placeholder="e.g. customer"
            onChange={(event) => setFieldKey(event.target.value)}
          />
        </label>
        <button type="submit" className="button-secondary" disabled={!fieldKey.trim()}>
          Add field
        </button>
      </form>
      <p className="muted small">
        Only Due, Created and Updated sort: click their headers. “Fields” sums up each row’s fields
        on screen; exports and saved views leave it out.
      </p>
      {columns ? (
        <button type="button" className="button-link" onClick={() => onChange(null)}>
          Back to the default columns
        </button>
      ) : null}
    </div>
  )
}
