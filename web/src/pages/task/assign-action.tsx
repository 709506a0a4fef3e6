import { useState } from 'react'
import { type Task, type User, unwrap, useApiMutation } from '../../api'
import { hasRole } from '../../auth/roles'
import { SelectAction } from './select-action'
import { staleAfterTaskChange } from './task-mutation'

/** Props of {@link AssignAction}. */
export interface AssignActionProps {
  task: Task
  users: User[]
}

/** Assigns a task to a user who can work it (active, operator or above), or unassigns it. */
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
  // Only those who can work tasks, as the API accepts (the current holder stays listed).
  const candidates = users.filter(
    (user) => (user.active && hasRole(user.role, 'operator')) || user.uid === task.assignee_uid,
  )
  return (
    <SelectAction
      label="Assignee"
      value={assignee}
      options={[
        { value: '', label: 'Nobody (back to the pool)' },
        ...candidates.map((user) => ({ value: user.uid, label: user.name })),
      ]}
      onChange={setAssignee}
      submitLabel={assignee ? 'Assign' : 'Unassign'}
      unchanged={assignee === (task.assignee_uid ?? '')}
      mutation={assign}
      failed="Could not assign the task"
      onSubmit={() => assign.mutate(assignee || null)}
    />
  )
}
