import type { FieldError } from '../../../api'
import { messageAt } from '../shared/field-errors'
import type { Interval, Weekday } from './calendar-api'
import { MAX_DAY_INTERVALS } from './weekdays'

export interface DayHoursProps {
  day: Weekday
  name: string
  intervals: readonly Interval[]
  errors: readonly FieldError[]
  onChange: (intervals: Interval[]) => void
}

const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00'

/**
 * One weekday's working hours as HH:MM intervals. Text inputs, not time pickers: a day
 * may end at 24:00, which time inputs cannot hold.
 */
export function DayHours({ day, name, intervals, errors, onChange }: DayHoursProps) {
  const set = (index: number, patch: Partial<Interval>) =>
    onChange(intervals.map((interval, i) => (i === index ? { ...interval, ...patch } : interval)))
  const dayError = messageAt(errors, `/body/weekly_hours/${day}`)
  const errorId = `hours-${day}-error`
  return (
    <fieldset className="st-day" aria-describedby={dayError ? errorId : undefined}>
      <legend>{name}</legend>
      {intervals.length === 0 ? <p className="muted small">Closed</p> : null}
      <ul className="st-intervals">
        {intervals.map((interval, index) => (
          // Intervals have no identity but their place in the day.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className="st-inline-form">
            <TimeField
              label="Opens"
              day={name}
              index={index}
              placeholder="09:00"
              value={interval.start}
              onChange={(start) => set(index, { start })}
            />
            <TimeField
              label="Closes"
              day={name}
              index={index}
              placeholder="18:00"
              value={interval.end}
              onChange={(end) => set(index, { end })}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => onChange(intervals.filter((_, i) => i !== index))}
            >
              Remove
              <span className="visually-hidden">
                {' '}
                {name} hours {index + 1}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {intervals.length < MAX_DAY_INTERVALS ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => onChange([...intervals, { start: '09:00', end: '18:00' }])}
        >
          Add hours<span className="visually-hidden"> on {name}</span>
        </button>
      ) : null}
      {dayError ? (
        <p id={errorId} className="st-field-error">
          {dayError}
        </p>
      ) : null}
    </fieldset>
  )
}

/** One time of an interval, labelled for screen readers with its day and place. */
function TimeField(props: {
  label: string
  day: string
  index: number
  placeholder: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <label className="field field-inline">
      <span>
        {props.label}
        <span className="visually-hidden">
          {' '}
          {props.day} {props.index + 1}
        </span>
      </span>
      <input
        type="text"
        inputMode="numeric"
        pattern={TIME_PATTERN}
        size={5}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  )
}
