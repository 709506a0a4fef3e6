import { useState } from 'react'
import { type Queue, type Task, unwrap, useApiMutation } from '../../api'
import { SelectAction } from './select-action'
import { staleAfterTaskChange } from './task-mutation'

/** The select's value for "let the queue rules decide" (a queue uid is never this). */
const AUTOMATIC = 'automatic'
/** The select's value for "in no queue". */
const NONE = 'none'

/** Props of {@link RouteAction}. */
export interface RouteActionProps {
  task: Task
  queues: Queue[]
}

/** Moves a task to another queue by hand, or hands it back to the rules (admins and above). */
export function RouteAction({ task, queues }: RouteActionProps) {
  const current = task.queue_updated_by ? (task.queue_uid ?? NONE) : AUTOMATIC
  const [target, setTarget] = useState(current)
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
    { invalidates: staleAfterTaskChange(task.uid) },
  )
  return (
    <SelectAction
      label="Queue"
      value={target}
      options={[
        { value: AUTOMATIC, label: 'Automatic (queue rules)' },
        { value: NONE, label: 'No queue' },
        ...queues.map((queue) => ({ value: queue.uid, label: queue.name })),
      ]}
      onChange={setTarget}
      submitLabel="Re-route"
      unchanged={target === current}
      mutation={route}
      failed="Could not re-route the task"
      onSubmit={() => route.mutate(target)}
    />
  )
}
