import { useId } from 'react'
import type { Calendar, FieldError } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { messageAt } from '../shared/field-errors'
import { DayHours } from './day-hours'
import { HolidaysEditor } from './holidays-editor'
import { timeZoneOptions } from './time-zones'
import { WEEKDAYS } from './weekdays'

/**
 * A calendar's time zone, weekly hours and holidays: the organization's business hours and
 * each named calendar are edited with the same fields. `errors` use the organization
 * calendar's paths (`/body/time_zone`, `/body/weekly_hours/...`).
 */
export function CalendarFields({
  calendar,
  errors,
  onChange,
}: {
  calendar: Calendar
  errors: readonly FieldError[]
  onChange: (next: Calendar) => void
}) {
  const id = useId()
  const zoneError = messageAt(errors, '/body/time_zone')
  return (
    <>
      <div className="st-field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <select
          id={`${id}-zone`}
          value={calendar.time_zone}
          onChange={(event) => onChange({ ...calendar, time_zone: event.target.value })}
          aria-invalid={zoneError ? true : undefined}
        >
          {timeZoneOptions(calendar.time_zone).map((zone) => (
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
            intervals={calendar.weekly_hours[key]}
            errors={errors}
            onChange={(intervals) =>
              onChange({
                ...calendar,
                weekly_hours: { ...calendar.weekly_hours, [key]: intervals },
              })
            }
          />
        ))}
      </div>
      <HolidaysEditor
        holidays={calendar.holidays}
        errors={errors}
        onChange={(holidays) => onChange({ ...calendar, holidays })}
      />
    </>
  )
}

/** Why a calendar was not saved: the marked fields, or the error itself when none is marked. */
export function CalendarSaveError({
  error,
  errors,
}: {
  error: unknown
  errors: readonly FieldError[]
}) {
  if (errors.length > 0) {
    return (
      <p className="st-field-error" role="alert">
        The calendar was not saved: fix what is marked above.
      </p>
    )
  }
  return error ? <ErrorNotice error={error} action="Could not save the calendar" /> : null
}
