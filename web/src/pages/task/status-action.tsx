import { type FormEvent, useState } from 'react'
import { type Task, type TaskStatus, unwrap, useApiMutation } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { statusLabel } from '../../ui/status-badge'
import { staleAfterTaskChange } from './task-mutation'

const STATUSES: TaskStatus[] = ['TODO', 'STARTED', 'DONE']

/** Changes a task's status (operators and above). */
export function StatusAction({ task }: { task: Task }) {
  const [status, setStatus] = useState<TaskStatus>(task.status)
  const change = useApiMutation(
    (api, next: TaskStatus) =>
      unwrap(
        api.PATCH('/tasks/{uid}', { params: { path: { uid: task.uid } }, body: { status: next } }),
      ),
    { invalidates: staleAfterTaskChange(task.uid) },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    change.mutate(status)
  }
  return (
    <form className="action" onSubmit={submit}>
      <label className="field">
        <span>Status</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as TaskStatus)}>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={change.isPending || status === task.status}
      >
        Change status
      </button>
      {change.isError ? (
        <ErrorNotice error={change.error} action="Could not change the status" />
      ) : null}
    </form>
  )
}
