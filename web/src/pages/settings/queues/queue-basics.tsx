import { useId } from 'react'
import type { FieldError } from '../../../api'
import { messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { NameField } from '../shared/name-field'
import type { QueueDraft } from './queue-draft'

export interface QueueBasicsProps {
  draft: QueueDraft
  errors: readonly FieldError[]
  onChange: (patch: Partial<QueueDraft>) => void
}

/** Name, description and required skills of a queue. */
export function QueueBasics({ draft, errors, onChange }: QueueBasicsProps) {
  const id = useId()
  const nameError = messageAt(errors, '/body/name')
  const skillsError = messageAt(errors, '/body/skills')
  return (
    <div className="st-grid-form">
      <NameField value={draft.name} error={nameError} onChange={(name) => onChange({ name })} />
      <div className="st-field">
        <label htmlFor={`${id}-skills`}>Required skills (comma-separated)</label>
        <input
          id={`${id}-skills`}
          type="text"
          value={draft.skills}
          placeholder="fr, claims"
          onChange={(event) => onChange({ skills: event.target.value })}
          {...errorProps(`${id}-skills-error`, skillsError)}
        />
        <FormError id={`${id}-skills-error`} message={skillsError} />
      </div>
      <div className="st-field st-span">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={draft.description}
          maxLength={5000}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </div>
    </div>
  )
}
