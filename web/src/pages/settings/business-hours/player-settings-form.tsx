import { type FormEvent, useId, useState } from 'react'
import type { OrgSettings } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { useUpdateOrgSettings } from './calendar-api'

/** How the player treats skips and parallel work. */
export function PlayerSettingsForm({ settings }: { settings: OrgSettings }) {
  const [draft, setDraft] = useState({
    ...settings,
    snooze_minutes: String(settings.snooze_minutes),
  })
  const [saved, setSaved] = useState(false)
  const update = useUpdateOrgSettings(() => setSaved(true))
  const errors = fieldErrorsOf(update.error)
  const id = useId()
  const minutes = Number(draft.snooze_minutes)
  const minutesError =
    messageAt(errors, '/body/snooze_minutes') ??
    (Number.isInteger(minutes) && minutes >= 1 && minutes <= 43_200
      ? undefined
      : 'Enter whole minutes, from 1 to 43200')
  const change = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch })
    setSaved(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!minutesError) {
      update.mutate({ ...draft, snooze_minutes: minutes })
    }
  }
  return (
    <form className="st-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Player</h2>
      <fieldset className="st-fieldset">
        <legend>When an operator skips a task</legend>
        <label className="st-check">
          <input
            type="radio"
            name={`${id}-skip`}
            checked={draft.skip_mode === 'return'}
            onChange={() => change({ skip_mode: 'return' })}
          />
          Return it to the pool
        </label>
        <label className="st-check">
          <input
            type="radio"
            name={`${id}-skip`}
            checked={draft.skip_mode === 'snooze'}
            onChange={() => change({ skip_mode: 'snooze' })}
          />
          Snooze it: it stays with the operator and comes back later
        </label>
      </fieldset>
      <div className="st-field">
        <label htmlFor={`${id}-snooze`}>Snooze length (minutes)</label>
        <input
          id={`${id}-snooze`}
          type="text"
          inputMode="numeric"
          value={draft.snooze_minutes}
          onChange={(event) => change({ snooze_minutes: event.target.value })}
          {...errorProps(`${id}-snooze-error`, minutesError)}
        />
        <FormError id={`${id}-snooze-error`} message={minutesError} />
      </div>
      <label className="st-check">
        <input
          type="checkbox"
          checked={draft.allow_parallel_tasks}
          onChange={(event) => change({ allow_parallel_tasks: event.target.checked })}
        />
        Let an operator hold several started tasks at once
      </label>
      {update.error && errors.length === 0 ? (
        <ErrorNotice error={update.error} action="Could not save the player settings" />
      ) : null}
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={update.isPending}>
          Save player settings
        </button>
        <span role="status">{saved ? 'Saved.' : null}</span>
      </div>
    </form>
  )
}
