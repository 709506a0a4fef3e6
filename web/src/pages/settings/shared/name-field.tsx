import { useId } from 'react'
import { errorProps, FormError } from './form-error'

/** The required name of a queue, form or rule, with the API's message under it. */
export function NameField({
  value,
  error,
  onChange,
}: {
  value: string
  error: string | undefined
  onChange: (name: string) => void
}) {
  const id = useId()
  return (
    <div className="st-field">
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        type="text"
        value={value}
        required
        maxLength={200}
        onChange={(event) => onChange(event.target.value)}
        {...errorProps(`${id}-name-error`, error)}
      />
      <FormError id={`${id}-name-error`} message={error} />
    </div>
  )
}
