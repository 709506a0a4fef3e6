import { type Queue, unwrap, useApiMutation } from '../../api'
import { SelectAction } from './select-action'
import type { ActionProps } from './status-action'
import { staleAfterTaskChange } from './task-mutation'

/** The select's value for "let the queue rules decide" (a queue uid is never this). */
const AUTOMATIC = 'automatic'
/** The select's value for "in no queue". */
const NONE = 'none'

/** Props of {@link RouteAction}. */
export interface RouteActionProps extends ActionProps {
  queues: Queue[]
}

/**
 * The task's queue, changed as soon as another is chosen (admins), with undo: a queue by
 * hand, no queue, or back to the queue rules.
 */
export function RouteAction({ task, queues, onUndoable }: RouteActionProps) {
  const current = task.queue_updated_by ? (task.queue_uid ?? NONE) : AUTOMATIC
  const route = useApiMutation(
    (api, value: string) =>
      unwrap(
        api.POST('/tasks/{uid}/route', {
          params: { path: { uid: task.uid } },
          body:
            value === AUTOMATIC
              ? { automatic: true }
              : { queue_uid: value === NONE ? null : value },
        }),
      ),
    { invalidates: staleAfterTaskChange(task.uid), invalidatesOnError: true },
  )
  const options = [
    { value: AUTOMATIC, label: 'Automatic (queue rules)' },
    { value: NONE, label: 'No queue' },
    ...queues.map((queue) => ({ value: queue.uid, label: queue.name })),
  ]
  const labelOf = (value: string) =>
    options.find((option) => option.value === value)?.label ?? value
  return (
    <SelectAction
      label="Queue"
      value={current}
      pendingValue={(route.variables as string | undefined) ?? current}
      options={options}
      mutation={route}
      path="/body/queue_uid"
      onApply={(value) => {
        const before = current
        route.mutate(value, {
          onSuccess: () =>
            onUndoable({
              message: `Queue: ${labelOf(value)}.`,
              undo: () => route.mutateAsync(before),
              undone: `Queue set back to ${labelOf(before)}.`,
            }),
        })
      }}
    />
  )
}
