import { useId } from 'react'
import { useNamedCalendars } from '../calendars/calendars-api'
import './sla-field.css'
import { errorProps, FormError } from '../shared/form-error'
import type { QueueDraft, SlaValueDraft } from './queue-draft'

export interface SlaFieldProps {
  draft: QueueDraft
  error: string | undefined
  onChange: (patch: Partial<QueueDraft>) => void
}

function MinutesInput(props: {
  id: string
  label: string
  value: string
  placeholder: string
  errorId?: string
  error?: string
  onChange: (value: string) => void
}) {
  return (
    <div className="st-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
        {...(props.errorId ? errorProps(props.errorId, props.error) : {})}
      />
    </div>
  )
}

/**
 * The queue's SLA policy: its clock (wall clock, or the business hours of the organization
 * or of a named calendar), first response and resolution targets, targets per value of a
 * field, and whether a snooze stops the clock.
 */
export function SlaField({ draft, error, onChange }: SlaFieldProps) {
  const id = useId()
  const calendars = useNamedCalendars()
  const setValue = (index: number, patch: Partial<SlaValueDraft>) =>
    onChange({
      slaValues: draft.slaValues.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    })
  return (
    <fieldset className="st-fieldset st-sla">
      <legend>SLA</legend>
      <label className="st-check">
        <input
          type="checkbox"
          checked={draft.slaEnabled}
          onChange={(event) => onChange({ slaEnabled: event.target.checked })}
        />
        Tasks must be answered or resolved within a time limit
      </label>
      {draft.slaEnabled ? (
        <>
          <div className="st-field">
            <label htmlFor={`${id}-clock`}>Clock</label>
            <select
              id={`${id}-clock`}
              value={draft.slaClock === 'business' ? draft.slaCalendarUid || 'org' : 'calendar'}
              onChange={(event) => {
                const choice = event.target.value
                onChange(
                  choice === 'calendar'
                    ? { slaClock: 'calendar', slaCalendarUid: '' }
                    : { slaClock: 'business', slaCalendarUid: choice === 'org' ? '' : choice },
                )
              }}
            >
              <option value="calendar">Calendar time (24/7)</option>
              <option value="org">Business hours: the organization’s</option>
              {(calendars.data ?? []).map((calendar) => (
                <option key={calendar.uid} value={calendar.uid}>
                  Business hours: {calendar.name} ({calendar.calendar.time_zone})
                </option>
              ))}
            </select>
          </div>
          <div className="st-sla-targets">
            <MinutesInput
              id={`${id}-first`}
              label="First response (minutes)"
              value={draft.slaFirstResponse}
              placeholder="30"
              onChange={(slaFirstResponse) => onChange({ slaFirstResponse })}
            />
            <MinutesInput
              id={`${id}-minutes`}
              label="Resolution time (minutes)"
              value={draft.slaMinutes}
              placeholder="240"
              errorId={`${id}-error`}
              error={error}
              onChange={(slaMinutes) => onChange({ slaMinutes })}
            />
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-field`}>Other targets by the value of a field</label>
            <input
              id={`${id}-field`}
              type="text"
              value={draft.slaField}
              placeholder="priority"
              onChange={(event) => onChange({ slaField: event.target.value })}
            />
          </div>
          {draft.slaField.trim() ? (
            <div className="st-sla-values">
              {draft.slaValues.map((row, index) => (
                // Rows have no identity of their own; the value may be mid-typing.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <div className="st-sla-value" key={index}>
                  <div className="st-field">
                    <label htmlFor={`${id}-value-${index}`}>Value</label>
                    <input
                      id={`${id}-value-${index}`}
                      type="text"
                      value={row.value}
                      placeholder="urgent"
                      onChange={(event) => setValue(index, { value: event.target.value })}
                    />
                  </div>
                  <MinutesInput
                    id={`${id}-value-${index}-first`}
                    label="First response"
                    value={row.firstResponse}
                    placeholder="—"
                    onChange={(firstResponse) => setValue(index, { firstResponse })}
                  />
                  <MinutesInput
                    id={`${id}-value-${index}-resolution`}
                    label="Resolution"
                    value={row.resolution}
                    placeholder="—"
                    onChange={(resolution) => setValue(index, { resolution })}
                  />
                  <button
                    type="button"
                    className="button-link"
                    onClick={() =>
                      onChange({ slaValues: draft.slaValues.filter((_, i) => i !== index) })
                    }
                  >
                    Remove
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  onChange({
                    slaValues: [
                      ...draft.slaValues,
                      { value: '', firstResponse: '', resolution: '' },
                    ],
                  })
                }
              >
                Add a value
              </button>
            </div>
          ) : null}
          <label className="st-check">
            <input
              type="checkbox"
              checked={draft.slaPauseSnoozed}
              onChange={(event) => onChange({ slaPauseSnoozed: event.target.checked })}
            />
            Stop the clock while a task is snoozed
          </label>
          {draft.slaPauseCondition ? (
            <p className="muted small">
              The clock also stops while a task matches the policy’s pause condition (set through
              the API).
            </p>
          ) : null}
          <FormError id={`${id}-error`} message={error} />
        </>
      ) : null}
    </fieldset>
  )
}
