import { useId } from 'react'
import { errorProps, FormError } from '../shared/form-error'
import { type FieldDraft, optionValueFromLabel } from './field-draft'

type Option = FieldDraft['options'][number]

/** Props of {@link OptionsEditor}. */
export interface OptionsEditorProps {
  options: Option[]
  onChange: (options: Option[]) => void
  /** The message about `/body/options` itself (none at all, too many). */
  error: string | undefined
  /** The message about one option's `label` or `value`. */
  errorAt: (index: number, key: 'label' | 'value') => string | undefined
}

/**
 * The choices of a select field, in display order: the label people see and the value
 * stored in tasks (it follows the label until typed by hand; changing it later leaves
 * tasks holding the old value, shown as not matching).
 */
export function OptionsEditor({ options, onChange, error, errorAt }: OptionsEditorProps) {
  const id = useId()
  const set = (index: number, patch: Partial<Option>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)))
  const move = (index: number, offset: -1 | 1) => {
    const next = [...options]
    const [moved] = next.splice(index, 1)
    if (moved) {
      next.splice(index + offset, 0, moved)
      onChange(next)
    }
  }
  return (
    <fieldset className="st-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Options</legend>
      {options.length === 0 ? <p className="muted small">No option yet.</p> : null}
      <ol className="st-options">
        {options.map((option, index) => {
          const labelError = errorAt(index, 'label')
          const valueError = errorAt(index, 'value')
          return (
            // Options have no ids of their own; their order is what is being edited.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="st-option">
              <div className="st-field">
                <label htmlFor={`${id}-${index}-label`}>Option {index + 1} label</label>
                <input
                  id={`${id}-${index}-label`}
                  type="text"
                  value={option.label}
                  maxLength={200}
                  onChange={(event) =>
                    set(index, {
                      label: event.target.value,
                      ...(option.valueTouched
                        ? {}
                        : { value: optionValueFromLabel(event.target.value) }),
                    })
                  }
                  {...errorProps(`${id}-${index}-label-error`, labelError)}
                />
                <FormError id={`${id}-${index}-label-error`} message={labelError} />
              </div>
              <div className="st-field">
                <label htmlFor={`${id}-${index}-value`}>Stored value</label>
                <input
                  id={`${id}-${index}-value`}
                  type="text"
                  value={option.value}
                  maxLength={200}
                  onChange={(event) =>
                    set(index, { value: event.target.value, valueTouched: true })
                  }
                  {...errorProps(`${id}-${index}-value-error`, valueError)}
                />
                <FormError id={`${id}-${index}-value-error`} message={valueError} />
              </div>
              <div className="st-row-actions st-option-actions">
                <button
                  type="button"
                  className="button-secondary"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  Up<span className="visually-hidden"> option {index + 1}</span>
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={index === options.length - 1}
                  onClick={() => move(index, 1)}
                >
                  Down<span className="visually-hidden"> option {index + 1}</span>
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => onChange(options.filter((_, i) => i !== index))}
                >
                  Remove<span className="visually-hidden"> option {index + 1}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...options, { label: '', value: '', valueTouched: false }])}
      >
        Add option
      </button>
      <FormError id={`${id}-error`} message={error} />
    </fieldset>
  )
}
