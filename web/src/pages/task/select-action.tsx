import type { FormEvent } from 'react'
import { ErrorNotice } from '../../ui/error-notice'

/** One choice of a {@link SelectAction}. */
export interface SelectOption {
  value: string
  label: string
  /** Shown but not choosable. */
  disabled?: boolean
}

/** Props of {@link SelectAction}. */
export interface SelectActionProps {
  label: string
  value: string
  options: SelectOption[]
  onChange: (value: string) => void
  /** The button's text. */
  submitLabel: string
  /** True when submitting would change nothing: the button is then disabled. */
  unchanged: boolean
  /** The mutation the button runs: disabled while pending, its failure shown below. */
  mutation: { isPending: boolean; error: Error | null }
  /** What failed, to start the error's sentence: "Could not change the status". */
  failed: string
  onSubmit: () => void
}

/** One action of the task page: a select and the button that applies it. */
export function SelectAction(props: SelectActionProps) {
  const { label, value, options, onChange, submitLabel, unchanged, mutation, failed } = props
  const submit = (event: FormEvent) => {
    event.preventDefault()
    props.onSubmit()
  }
  return (
    <form className="action" onSubmit={submit}>
      <label className="field">
        <span>{label}</span>
        <select value={value} onChange={(event) => onChange(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button-secondary" disabled={mutation.isPending || unchanged}>
        {submitLabel}
      </button>
      {mutation.error ? <ErrorNotice error={mutation.error} action={failed} /> : null}
    </form>
  )
}
