import { useId } from 'react'
import { saveErrorText } from './inline-edit'

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
  /** The task's value now. */
  value: string
  options: SelectOption[]
  /** Applies a choice at once: no separate submit. */
  onApply: (value: string) => void
  /** The mutation that applies it: the select shows its choice while it runs, its failure below. */
  mutation: { isPending: boolean; error: Error | null; variables?: unknown }
  /** Where a 422 names this value: `/body/status`. */
  path: string
  /** What the value's choice becomes in the select while the change runs. */
  pendingValue?: string
}

/**
 * A value of the task's summary that applies when chosen (status, assignee, queue): a term
 * and its select, for the summary's `<dl>`. A refusal shows under it, the select back on
 * the task's value.
 */
export function SelectAction(props: SelectActionProps) {
  const { label, value, options, mutation } = props
  const id = useId()
  const shown = mutation.isPending && props.pendingValue !== undefined ? props.pendingValue : value
  return (
    <>
      <dt>
        <label htmlFor={id}>{label}</label>
      </dt>
      <dd>
        <select
          id={id}
          className="summary-select"
          value={shown}
          disabled={mutation.isPending}
          aria-invalid={mutation.error ? true : undefined}
          aria-describedby={mutation.error ? `${id}-error` : undefined}
          onChange={(event) => {
            if (event.target.value !== value) {
              props.onApply(event.target.value)
            }
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
        {mutation.error ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {saveErrorText(mutation.error, props.path)}
          </p>
        ) : null}
      </dd>
    </>
  )
}
