import { useId, useState } from 'react'
import type { FieldError } from '../../../api'
import { messageAt } from '../shared/field-errors'

export interface HolidaysEditorProps {
  holidays: readonly string[]
  errors: readonly FieldError[]
  onChange: (holidays: string[]) => void
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' })

/** "Thursday 25 December 2025"; the raw text if it is no real date. */
function formatHoliday(holiday: string): string {
  const date = new Date(`${holiday}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? holiday : dateFormat.format(date)
}

/** Local dates with no business hours; a date input gives "YYYY-MM-DD", as the API wants. */
export function HolidaysEditor({ holidays, errors, onChange }: HolidaysEditorProps) {
  const [date, setDate] = useState('')
  const id = useId()
  const error = messageAt(errors, '/body/holidays')
  const add = () => {
    if (date && !holidays.includes(date)) {
      onChange([...holidays, date].sort())
    }
    setDate('')
  }
  return (
    <fieldset className="st-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Holidays</legend>
      <div className="st-inline-form">
        <label className="field field-inline">
          <span>Holiday</span>
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
        <button type="button" className="button-secondary" onClick={add} disabled={!date}>
          Add holiday
        </button>
      </div>
      {holidays.length === 0 ? <p className="muted small">No holidays.</p> : null}
      <ul className="st-holidays">
        {holidays.map((holiday) => (
          <li key={holiday}>
            <time dateTime={holiday}>{formatHoliday(holiday)}</time>
            <button
              type="button"
              className="button-link"
              onClick={() => onChange(holidays.filter((other) => other !== holiday))}
            >
              Remove<span className="visually-hidden"> {holiday}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${id}-error`} className="st-field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
