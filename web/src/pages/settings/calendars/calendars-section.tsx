import { type FormEvent, useId, useState } from 'react'
import type { Calendar } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { CalendarFields, CalendarSaveError } from '../business-hours/calendar-fields'
import { ConfirmButton } from '../shared/confirm-button'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import {
  type NamedCalendar,
  useCreateNamedCalendar,
  useDeleteNamedCalendar,
  useNamedCalendars,
  useUpdateNamedCalendar,
} from './calendars-api'

const officeDay = () => [{ start: '09:00', end: '18:00' }]

const NEW_CALENDAR: Calendar = {
  time_zone: 'UTC',
  weekly_hours: {
    mon: officeDay(),
    tue: officeDay(),
    wed: officeDay(),
    thu: officeDay(),
    fri: officeDay(),
    sat: [],
    sun: [],
  },
  holidays: [],
}

/** A named calendar's name, time zone, weekly hours and holidays, saved as a whole. */
function NamedCalendarForm({
  calendar,
  onDone,
}: {
  calendar: NamedCalendar | null
  onDone: () => void
}) {
  const [name, setName] = useState(calendar?.name ?? '')
  const [draft, setDraft] = useState<Calendar>(calendar?.calendar ?? NEW_CALENDAR)
  const create = useCreateNamedCalendar(onDone)
  const update = useUpdateNamedCalendar(onDone)
  const save = calendar ? update : create
  // The hours' editors read paths of the organization calendar's body (`/body/weekly_hours`).
  const errors = fieldErrorsOf(save.error).map((error) => ({
    ...error,
    path: error.path.replace(/^\/body\/calendar/, '/body'),
  }))
  const id = useId()
  const nameError = messageAt(errors, '/body/name')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = { name: name.trim(), calendar: draft }
    if (calendar) {
      update.mutate({ uid: calendar.uid, body })
    } else {
      create.mutate(body)
    }
  }
  return (
    <form
      className="st-form"
      onSubmit={submit}
      aria-label={calendar ? `Edit calendar ${calendar.name}` : 'New calendar'}
    >
      <div className="st-field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          required
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameError ? true : undefined}
        />
        {nameError ? <p className="st-field-error">{nameError}</p> : null}
      </div>
      <CalendarFields calendar={draft} errors={errors} onChange={setDraft} />
      <CalendarSaveError error={save.error} errors={errors} />
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save calendar
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/**
 * Settings > Calendars: business calendars besides the organization's (Business hours), for
 * teams with their own time zone, hours and holidays. A queue's SLA policy picks one.
 */
export function CalendarsSection() {
  const calendars = useNamedCalendars()
  const remove = useDeleteNamedCalendar()
  const [editing, setEditing] = useState<NamedCalendar | 'new' | null>(null)
  if (editing) {
    return (
      <div className="st-section">
        <h2>{editing === 'new' ? 'New calendar' : `Edit ${editing.name}`}</h2>
        <NamedCalendarForm
          calendar={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      </div>
    )
  }
  const items = calendars.data ?? []
  return (
    <div className="st-section">
      <div className="st-section-header">
        <h2>Calendars</h2>
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>
          New calendar
        </button>
      </div>
      <p className="st-lead">
        Business hours and holidays of teams in other time zones. A queue’s SLA policy counts its
        deadlines on one of them, or on the organization’s business hours.
      </p>
      <QueryStatus
        query={calendars}
        loading="Loading the calendars"
        failed="Could not load the calendars"
      />
      {remove.error ? (
        <ErrorNotice error={remove.error} action="Could not delete the calendar" />
      ) : null}
      {calendars.data && items.length === 0 ? (
        <EmptyState title="No named calendars">
          SLA policies count on the organization’s business hours.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="st-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Time zone</th>
                <th scope="col">Holidays</th>
                <th scope="col">Used by</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((calendar) => (
                <tr key={calendar.uid}>
                  <td>{calendar.name}</td>
                  <td>{calendar.calendar.time_zone}</td>
                  <td>{calendar.calendar.holidays.length}</td>
                  <td>
                    {calendar.queue_uids.length === 0
                      ? 'No queue'
                      : `${calendar.queue_uids.length} queue${calendar.queue_uids.length > 1 ? 's' : ''}`}
                  </td>
                  <td className="st-actions">
                    <button
                      type="button"
                      className="button-link"
                      onClick={() => setEditing(calendar)}
                    >
                      Edit<span className="visually-hidden"> {calendar.name}</span>
                    </button>
                    <ConfirmButton
                      question={`Delete the calendar ${calendar.name}?`}
                      disabled={remove.isPending}
                      onConfirm={() => remove.mutate(calendar.uid)}
                    >
                      Delete<span className="visually-hidden"> {calendar.name}</span>
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
