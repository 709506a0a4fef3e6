import { useId } from 'react'
import { errorProps, FormError } from '../shared/form-error'
import type { QueueDraft } from './queue-draft'

export interface SlaFieldProps {
  draft: QueueDraft
  error: string | undefined
  onChange: (patch: Partial<QueueDraft>) => void
}

/** The queue's resolution SLA: none, or so many minutes from a task's creation. */
export function SlaField({ draft, error, onChange }: SlaFieldProps) {
  const id = useId()
  return (
    <fieldset className="st-fieldset">
      <legend>SLA</legend>
      <label className="st-check">
        <input
          type="checkbox"
          checked={draft.slaEnabled}
          onChange={(event) => onChange({ slaEnabled: event.target.checked })}
        />
        Tasks must be resolved within a time limit
      </label>
      {draft.slaEnabled ? (
        <div className="st-field">
          <label htmlFor={`${id}-minutes`}>Resolution time (minutes)</label>
          <input
            id={`${id}-minutes`}
            type="text"
            inputMode="numeric"
            value={draft.slaMinutes}
            placeholder="240"
            onChange={(event) => onChange({ slaMinutes: event.target.value })}
            {...errorProps(`${id}-error`, error)}
          />
          <FormError id={`${id}-error`} message={error} />
        </div>
      ) : null}
    </fieldset>
  )
}
