import { type FormEvent, useState } from 'react'
import { type Queue, type Task, unwrap, useApiMutation } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
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
  const submit = (event: FormEvent) => {
    event.preventDefault()
    route.mutate(target)
  }
  return (
    <form className="action" onSubmit={submit}>
      <label className="field">
        <span>Queue</span>
        <select value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value={AUTOMATIC}>Automatic (queue rules)</option>
          <option value={NONE}>No queue</option>
          {queues.map((queue) => (
            <option key={queue.uid} value={queue.uid}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={route.isPending || target === current}
      >
        Re-route
      </button>
      {route.isError ? (
        <ErrorNotice error={route.error} action="Could not re-route the task" />
      ) : null}
    </form>
  )
}
