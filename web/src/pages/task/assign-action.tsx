import { type FormEvent, useState } from 'react'
import { type Task, type User, unwrap, useApiMutation } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { staleAfterTaskChange } from './task-mutation'

/** Props of {@link AssignAction}. */
export interface AssignActionProps {
  task: Task
  users: User[]
}

/** Assigns a task to a user, or unassigns it (admins and above). */
export function AssignAction({ task, users }: AssignActionProps) {
  const [assignee, setAssignee] = useState(task.assignee_uid ?? '')
  const path = { params: { path: { uid: task.uid } } }
  const assign = useApiMutation(
    (api, uid: string | null) =>
      unwrap(
        uid
          ? api.POST('/tasks/{uid}/assign', { ...path, body: { assignee_uid: uid } })
          : api.POST('/tasks/{uid}/unassign', path),
      ),
    { invalidates: staleAfterTaskChange(task.uid) },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    assign.mutate(assignee || null)
  }
  const candidates = users.filter((user) => user.active || user.uid === task.assignee_uid)
  return (
    <form className="action" onSubmit={submit}>
      <label className="field">
        <span>Assignee</span>
        <select value={assignee} onChange={(event) => setAssignee(event.target.value)}>
          <option value="">Nobody (back to the pool)</option>
          {candidates.map((user) => (
            <option key={user.uid} value={user.uid}>
              {user.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={assign.isPending || assignee === (task.assignee_uid ?? '')}
      >
        {assignee ? 'Assign' : 'Unassign'}
      </button>
      {assign.isError ? (
        <ErrorNotice error={assign.error} action="Could not assign the task" />
      ) : null}
    </form>
  )
}
