import { type FormEvent, useId, useState } from 'react'
import type { Calendar } from '../../../api'
import { fieldErrorsOf } from '../shared/field-errors'
import { useSaveCalendar } from './calendar-api'
import { CalendarFields, CalendarSaveError } from './calendar-fields'

/** The business calendar: time zone, weekly hours and holidays, saved as a whole. */
export function CalendarForm({ calendar }: { calendar: Calendar }) {
  const [draft, setDraft] = useState(calendar)
  const [saved, setSaved] = useState(false)
  const save = useSaveCalendar(() => setSaved(true))
  const errors = fieldErrorsOf(save.error)
  const id = useId()
  const change = (next: Calendar) => {
    setDraft(next)
    setSaved(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(draft)
  }
  return (
    <form className="st-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Business hours</h2>
      <p className="st-lead">
        Business-time metrics and SLAs count only these hours. Tasks routed from now on use the new
        calendar; SLA deadlines already set are kept.
      </p>
      <CalendarFields calendar={draft} errors={errors} onChange={change} />
      <CalendarSaveError error={save.error} errors={errors} />
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save business hours
        </button>
        <span role="status">{saved ? 'Saved.' : null}</span>
      </div>
    </form>
  )
}
