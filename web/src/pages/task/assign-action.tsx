import { type User, unwrap, useApiMutation } from '../../api'
import { workingUsers } from '../../fields'
import { SelectAction } from './select-action'
import type { ActionProps } from './status-action'
import { staleAfterTaskChange } from './task-mutation'

/** Props of {@link AssignAction}. */
export interface AssignActionProps extends ActionProps {
  users: User[]
}

/**
 * The task's assignee, changed as soon as another is chosen (admins), with undo. Only users
 * who can work tasks (active, operator or above) are offered, as the API accepts; the
 * current holder stays listed whoever they are.
 */
export function AssignAction({ task, users, onUndoable }: AssignActionProps) {
  const path = { params: { path: { uid: task.uid } } }
  const assign = useApiMutation(
    (api, uid: string | null) =>
      unwrap(
        uid
          ? api.POST('/tasks/{uid}/assign', { ...path, body: { assignee_uid: uid } })
          : api.POST('/tasks/{uid}/unassign', path),
      ),
    { invalidates: staleAfterTaskChange(task.uid), invalidatesOnError: true },
  )
  const names = new Map(users.map((user) => [user.uid, user.name]))
  const nameOf = (uid: string | null) => (uid ? (names.get(uid) ?? 'someone') : 'nobody')
  return (
    <SelectAction
      label="Assignee"
      value={task.assignee_uid ?? ''}
      pendingValue={(assign.variables as string | null | undefined) ?? ''}
      options={[
        { value: '', label: 'Unassigned' },
        ...workingUsers(users, task.assignee_uid).map((user) => ({
          value: user.uid,
          label: user.active ? user.name : `${user.name} (deactivated)`,
        })),
      ]}
      mutation={assign}
      path="/body/assignee_uid"
      onApply={(value) => {
        const before = task.assignee_uid
        const next = value || null
        assign.mutate(next, {
          onSuccess: () =>
            onUndoable({
              message: next ? `Assigned to ${nameOf(next)}.` : 'Unassigned.',
              undo: () => assign.mutateAsync(before),
              undone: before ? `Assigned back to ${nameOf(before)}.` : 'Unassigned again.',
            }),
        })
      }}
    />
  )
}
