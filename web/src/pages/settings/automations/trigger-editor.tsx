import { useId } from 'react'
import { errorProps, FormError } from '../shared/form-error'
import type { AutomationDraft, OffsetUnit } from './automation-draft'
import type { AutomationAnchor } from './automation-types'
import { ANCHOR_LABELS, ANCHORS, EVENT_LABELS, EVENTS } from './trigger-words'

export interface TriggerEditorProps {
  draft: AutomationDraft
  error: string | undefined
  onChange: (patch: Partial<AutomationDraft>) => void
}

/** When a rule runs: on changes of a task (any of several), or at a time near one of its dates. */
export function TriggerEditor({ draft, error, onChange }: TriggerEditorProps) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <fieldset className="st-fieldset au-trigger" {...errorProps(errorId, error)}>
      <legend>When</legend>
      <div className="st-checks" role="radiogroup" aria-label="Kind of trigger">
        <label className="st-check">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={draft.triggerKind === 'event'}
            onChange={() => onChange({ triggerKind: 'event' })}
          />
          A task changes
        </label>
        <label className="st-check">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={draft.triggerKind === 'time'}
            onChange={() => onChange({ triggerKind: 'time' })}
          />
          A time comes
        </label>
      </div>
      {draft.triggerKind === 'event' ? (
        <fieldset className="au-plain-fieldset">
          <legend className="muted small">A task is…</legend>
          <div className="st-checks">
            {EVENTS.map((event) => (
              <label key={event} className="st-check">
                <input
                  type="checkbox"
                  checked={draft.events.includes(event)}
                  onChange={(change) =>
                    onChange({
                      events: change.target.checked
                        ? EVENTS.filter((known) => known === event || draft.events.includes(known))
                        : draft.events.filter((known) => known !== event),
                    })
                  }
                />
                {EVENT_LABELS[event]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="au-time">
          <div className="st-field">
            <label htmlFor={`${id}-amount`}>How long</label>
            <input
              id={`${id}-amount`}
              type="number"
              inputMode="numeric"
              min={0}
              value={draft.offsetAmount}
              onChange={(event) => onChange({ offsetAmount: event.target.value })}
            />
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-unit`}>Unit</label>
            <select
              id={`${id}-unit`}
              value={draft.offsetUnit}
              onChange={(event) => onChange({ offsetUnit: event.target.value as OffsetUnit })}
            >
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-direction`}>Before or after</label>
            <select
              id={`${id}-direction`}
              value={draft.offsetDirection}
              onChange={(event) =>
                onChange({ offsetDirection: event.target.value as 'before' | 'after' })
              }
            >
              <option value="before">before</option>
              <option value="after">after</option>
            </select>
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-anchor`}>Counted from</label>
            <select
              id={`${id}-anchor`}
              value={draft.anchor}
              onChange={(event) => onChange({ anchor: event.target.value as AutomationAnchor })}
            >
              {ANCHORS.map((anchor) => (
                <option key={anchor} value={anchor}>
                  {ANCHOR_LABELS[anchor]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <FormError id={errorId} message={error} />
    </fieldset>
  )
}
