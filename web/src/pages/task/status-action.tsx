import { useState } from 'react'
import { type Task, type TaskStatus, unwrap, useApiMutation } from '../../api'
import { statusLabel } from '../../ui/status-badge'
import { SelectAction } from './select-action'
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
  return (
    <SelectAction
      label="Status"
      value={status}
      options={STATUSES.map((value) =>
        // The API refuses a started task with nobody on it: its work timer would run for nobody.
        value === 'STARTED' && !task.assignee_uid && task.status !== 'STARTED'
          ? { value, label: `${statusLabel(value)} (assign someone first)`, disabled: true }
          : { value, label: statusLabel(value) },
      )}
      onChange={(value) => setStatus(value as TaskStatus)}
      submitLabel="Change status"
      unchanged={status === task.status}
      mutation={change}
      failed="Could not change the status"
      onSubmit={() => change.mutate(status)}
    />
  )
}
