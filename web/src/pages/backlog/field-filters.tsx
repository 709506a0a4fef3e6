import { type FormEvent, useId, useState } from 'react'
import type { FieldFilter } from './backlog-filters'

/** Props of {@link FieldFilters}. */
export interface FieldFiltersProps {
  fields: FieldFilter[]
  fieldNames: string[]
  onChange: (fields: FieldFilter[]) => void
}

/**
 * Filters on any custom field: each is "name = value"; the same name twice means either
 * value. The names of the fields on screen are suggested.
 */
export function FieldFilters({ fields, fieldNames, onChange }: FieldFiltersProps) {
  const listId = useId()
  const [name, setName] = useState('')
  const [value, setValue] = useState('')

  const add = (event: FormEvent) => {
    event.preventDefault()
    const field = { name: name.trim(), value: value.trim() }
    if (!field.name || fields.some((f) => f.name === field.name && f.value === field.value)) {
      return
    }
    onChange([...fields, field])
    setName('')
    setValue('')
  }

  return (
    <div className="field-filters">
      <form className="filter-row" onSubmit={add}>
        <label className="field field-inline">
          <span>Custom field</span>
          <input
            type="text"
            list={listId}
            value={name}
            placeholder="e.g. country"
            required
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <datalist id={listId}>
          {fieldNames.map((fieldName) => (
            <option key={fieldName} value={fieldName} />
          ))}
        </datalist>
        <label className="field field-inline">
          <span>Value</span>
          <input
            type="text"
            value={value}
            placeholder="e.g. FR"
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <button type="submit" className="button-secondary">
          Add filter
        </button>
      </form>
      {fields.length > 0 ? (
        <ul className="chips" aria-label="Custom field filters">
          {fields.map((field, index) => (
            <li key={`${field.name}=${field.value}`} className="chip">
              <span>
                {field.name} = {field.value || '""'}
              </span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${field.name} = ${field.value}`}
                onClick={() => onChange(fields.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
