import { type FormEvent, useEffect, useRef, useState } from 'react'

/** Props of {@link SkipForm}. */
export interface SkipFormProps {
  onSkip: (reason: string) => void
  onCancel: () => void
  busy: boolean
}

/** Asks why the task is skipped (the API requires a reason), focused as it opens. */
export function SkipForm({ onSkip, onCancel, busy }: SkipFormProps) {
  const [reason, setReason] = useState('')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim()) {
      onSkip(reason.trim())
    }
  }
  return (
    <form
      className="skip-form"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <label className="field">
        <span>Reason for skipping</span>
        <input
          ref={input}
          type="text"
          required
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className="button-primary" disabled={busy || !reason.trim()}>
        Skip task
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}
