import { type FormEvent, useId, useState } from 'react'
import type { Calendar } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { useSaveCalendar } from './calendar-api'
import { DayHours } from './day-hours'
import { HolidaysEditor } from './holidays-editor'
import { timeZoneOptions } from './time-zones'
import { WEEKDAYS } from './weekdays'

/** The business calendar: time zone, weekly hours and holidays, saved as a whole. */
export function CalendarForm({ calendar }: { calendar: Calendar }) {
  const [draft, setDraft] = useState(calendar)
  const [saved, setSaved] = useState(false)
  const save = useSaveCalendar(() => setSaved(true))
  const errors = fieldErrorsOf(save.error)
  const id = useId()
  const zoneError = messageAt(errors, '/body/time_zone')
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
      <div className="st-field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <select
          id={`${id}-zone`}
          value={draft.time_zone}
          onChange={(event) => change({ ...draft, time_zone: event.target.value })}
          aria-invalid={zoneError ? true : undefined}
        >
          {timeZoneOptions(draft.time_zone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        {zoneError ? <p className="st-field-error">{zoneError}</p> : null}
      </div>
      <div className="st-week">
        {WEEKDAYS.map(({ key, name }) => (
          <DayHours
            key={key}
            day={key}
            name={name}
            intervals={draft.weekly_hours[key]}
            errors={errors}
            onChange={(intervals) =>
              change({ ...draft, weekly_hours: { ...draft.weekly_hours, [key]: intervals } })
            }
          />
        ))}
      </div>
      <HolidaysEditor
        holidays={draft.holidays}
        errors={errors}
        onChange={(holidays) => change({ ...draft, holidays })}
      />
      {save.error && errors.length === 0 ? (
        <ErrorNotice error={save.error} action="Could not save the calendar" />
      ) : null}
      {errors.length > 0 ? (
        <p className="st-field-error" role="alert">
          The calendar was not saved: fix what is marked above.
        </p>
      ) : null}
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save business hours
        </button>
        <span role="status">{saved ? 'Saved.' : null}</span>
      </div>
    </form>
  )
}
