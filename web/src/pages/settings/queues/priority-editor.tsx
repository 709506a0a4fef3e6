import { useId } from 'react'
import { NATIVE_FIELDS } from '../../../components/condition-builder/condition'
import { FormError } from '../shared/form-error'
import type { Sort } from './queue-draft'

const MAX_SORTS = 5

export interface PriorityEditorProps {
  priority: Sort[] | null
  error: string | undefined
  onChange: (priority: Sort[] | null) => void
}

/** The order in which the player hands out a queue's tasks: the default, or sort keys. */
export function PriorityEditor({ priority, error, onChange }: PriorityEditorProps) {
  const id = useId()
  const sorts = priority ?? []
  const set = (index: number, patch: Partial<Sort>) =>
    onChange(sorts.map((sort, i) => (i === index ? { ...sort, ...patch } : sort)))
  return (
    <fieldset className="st-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Priority</legend>
      <label className="st-check">
        <input
          type="checkbox"
          checked={priority !== null}
          onChange={(event) =>
            onChange(event.target.checked ? [{ field: 'due_at', direction: 'ascending' }] : null)
          }
        />
        Custom order (default: SLA breach time, then due date, then creation)
      </label>
      {priority !== null ? (
        <ol className="st-sorts">
          {sorts.map((sort, index) => (
            // Sort keys have no identity but their place in the list.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="st-inline-form">
              <label className="field field-inline">
                <span>Sort field {index + 1}</span>
                <input
                  type="text"
                  list={`${id}-fields`}
                  value={sort.field}
                  onChange={(event) => set(index, { field: event.target.value })}
                />
              </label>
              <label className="field field-inline">
                <span>Direction {index + 1}</span>
                <select
                  value={sort.direction}
                  onChange={(event) =>
                    set(index, { direction: event.target.value as Sort['direction'] })
                  }
                >
                  <option value="ascending">Ascending</option>
                  <option value="descending">Descending</option>
                </select>
              </label>
              <button
                type="button"
                className="button-secondary"
                onClick={() => onChange(sorts.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> sort {index + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {priority !== null && sorts.length < MAX_SORTS ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => onChange([...sorts, { field: '', direction: 'ascending' }])}
        >
          Add sort
        </button>
      ) : null}
      <FormError id={`${id}-error`} message={error} />
      <datalist id={`${id}-fields`}>
        {NATIVE_FIELDS.map((field) => (
          <option key={field} value={field} />
        ))}
      </datalist>
    </fieldset>
  )
}
