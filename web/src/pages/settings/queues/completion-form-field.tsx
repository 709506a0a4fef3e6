import { useId } from 'react'
import { Link } from 'react-router-dom'
import { useForms } from '../../../api'
import { FORMS_PATH } from '../settings-paths'
import { FormError } from '../shared/form-error'
import type { QueueDraft } from './queue-draft'

export interface CompletionFormFieldProps {
  draft: QueueDraft
  error: string | undefined
  onChange: (patch: Partial<QueueDraft>) => void
}

/** The form the player asks operators to fill before completing a task of this queue. */
export function CompletionFormField({ draft, error, onChange }: CompletionFormFieldProps) {
  const id = useId()
  const forms = useForms()
  const known = draft.formUid === '' || forms.data?.some((form) => form.uid === draft.formUid)
  return (
    <div className="st-field">
      <label htmlFor={`${id}-form`}>Form</label>
      <select
        id={`${id}-form`}
        value={draft.formUid}
        onChange={(event) => onChange({ formUid: event.target.value })}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        {...(error ? { 'aria-invalid': true } : {})}
      >
        <option value="">None: Complete asks for nothing</option>
        {known ? null : (
          <option value={draft.formUid}>{forms.isPending ? 'Loading…' : 'A deleted form'}</option>
        )}
        {(forms.data ?? []).map((form) => (
          <option key={form.uid} value={form.uid}>
            {form.name}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="muted small">
        The player asks for its fields before Complete. Forms are made in{' '}
        <Link to={FORMS_PATH}>Settings › Forms</Link>.
      </p>
      <FormError id={`${id}-error`} message={error} />
    </div>
  )
}
