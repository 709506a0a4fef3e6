import type { Task, TaskStatus } from '../../api'
import { statusLabel } from '../../ui/status-badge'
import { useTaskPatch } from './inline-edit'
import { SelectAction } from './select-action'
import type { Undoable } from './undo-toast'

const STATUSES: TaskStatus[] = ['TODO', 'STARTED', 'DONE']

/** Props of the summary's actions: the task, and where an undoable change is announced. */
export interface ActionProps {
  task: Task
  onUndoable: (undoable: Undoable) => void
}

/** The task's status, changed as soon as another is chosen (operators and above), with undo. */
export function StatusAction({ task, onUndoable }: ActionProps) {
  const change = useTaskPatch(task.uid)
  const set = (status: TaskStatus) => change.mutateAsync({ status })
  return (
    <SelectAction
      label="Status"
      value={task.status}
      pendingValue={(change.variables?.status as string | undefined) ?? task.status}
      options={STATUSES.map((value) =>
        // The API refuses a started task with nobody on it: its work timer would run for nobody.
        value === 'STARTED' && !task.assignee_uid && task.status !== 'STARTED'
          ? { value, label: `${statusLabel(value)} (assign someone first)`, disabled: true }
          : { value, label: statusLabel(value) },
      )}
      mutation={change}
      path="/body/status"
      onApply={(value) => {
        const before = task.status
        const next = value as TaskStatus
        change.mutate(
          { status: next },
          {
            onSuccess: () =>
              onUndoable({
                message: `Status changed to ${statusLabel(next)}.`,
                undo: () => set(before),
                undone: `Status set back to ${statusLabel(before)}.`,
              }),
          },
        )
      }}
    />
  )
}
