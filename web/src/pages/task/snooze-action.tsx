import { type FormEvent, useState } from 'react'
import { type Task, unwrap, useApiMutation } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { fromLocalInput, toLocalInput } from './local-datetime'
import { staleAfterTaskChange } from './task-mutation'

/** Props of {@link SnoozeAction}. */
export interface SnoozeActionProps {
  task: Task
  /** The organization's default snooze, in minutes. */
  snoozeMinutes: number
}

/**
 * Puts one of your own open tasks to sleep until a time, with a reason. The API has no
 * other snooze than the player's skip (in the organization's `snooze` mode), which only the
 * assignee may do: the page shows this form only then.
 */
export function SnoozeAction({ task, snoozeMinutes }: SnoozeActionProps) {
  const [until, setUntil] = useState(() =>
    toLocalInput(new Date(Date.now() + snoozeMinutes * 60_000)),
  )
  const [reason, setReason] = useState('')
  const snooze = useApiMutation(
    (api, body: { reason: string; snooze_until: string }) =>
      unwrap(api.POST('/player/skip', { body: { task_uid: task.uid, ...body } })),
    { invalidates: staleAfterTaskChange(task.uid), onSuccess: () => setReason('') },
  )
  const wakeAt = fromLocalInput(until)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (wakeAt && reason.trim()) {
      snooze.mutate({ reason: reason.trim(), snooze_until: wakeAt })
    }
  }
  return (
    <form className="action" onSubmit={submit}>
      <label className="field">
        <span>Snooze until</span>
        <input
          type="datetime-local"
          value={until}
          required
          onChange={(event) => setUntil(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Reason for snoozing</span>
        <input
          type="text"
          value={reason}
          required
          maxLength={1000}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={snooze.isPending || !wakeAt || !reason.trim()}
      >
        Snooze
      </button>
      {snooze.isError ? (
        <ErrorNotice error={snooze.error} action="Could not snooze the task" />
      ) : null}
    </form>
  )
}
