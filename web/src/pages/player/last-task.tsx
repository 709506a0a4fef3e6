import { queryKeys, unwrap, useApiQuery, useUsers } from '../../api'
import { useAccount } from '../../auth/auth-context'
import { formatDateTime } from '../../ui/format'

/**
 * What became of the task the operator was working on, once it left the player: "paused:
 * still yours", "snoozed until …", "unassigned by <who>" or "reassigned to <whom> by <who>".
 * Nothing when it was completed, or when the operator gave it back themselves (a skip in
 * return mode, a stop): then it is simply no longer theirs, as they asked.
 */
export function LastTask({ taskUid }: { taskUid: string }) {
  const me = useAccount().user.uid
  const users = useUsers()
  // Under the player's key: every move and live update of the task refreshes it.
  const last = useApiQuery([...queryKeys.player, 'last', taskUid], (api) =>
    unwrap(api.GET('/tasks/{uid}', { params: { path: { uid: taskUid } } })),
  )
  const task = last.data
  if (!task || task.status === 'DONE' || task.archived) {
    return null
  }
  const title = <strong>{task.fields.title}</strong>
  if (task.assignee_uid === me) {
    if (task.status === 'STARTED') {
      return null
    }
    const asleep = task.snooze_expires_at && Date.parse(task.snooze_expires_at) > Date.now()
    return (
      <div className="notice last-task" role="status" data-state={asleep ? 'snoozed' : 'paused'}>
        <p className="last-task-state">
          {asleep
            ? `Snoozed until ${formatDateTime(task.snooze_expires_at)}`
            : 'Paused: still yours'}
        </p>
        <p>
          {title}{' '}
          {asleep
            ? 'stays assigned to you and comes back to you when it wakes.'
            : 'stays assigned to you. Next (n) serves your paused tasks first.'}
        </p>
      </div>
    )
  }
  if (!task.assignee_updated_by || task.assignee_updated_by === me) {
    return null
  }
  const nameOf = (uid: string) => users.data?.find((user) => user.uid === uid)?.name ?? 'someone'
  const who = nameOf(task.assignee_updated_by)
  return (
    <div className="notice last-task" role="status" data-state="lost">
      <p className="last-task-state">
        {task.assignee_uid ? `Reassigned by ${who}` : `Unassigned by ${who}`}
      </p>
      <p>
        {title}{' '}
        {task.assignee_uid
          ? `was reassigned to ${nameOf(task.assignee_uid)} by ${who}.`
          : `was unassigned by ${who}: it is no longer yours.`}
      </p>
    </div>
  )
}
