import { queryKeys, unwrap, useApiQuery, useUsers } from '../../api'
import { useAccount } from '../../auth/auth-context'

/**
 * Says why the task the operator was working on left the player when someone else took it
 * away: "unassigned by <who>" or "reassigned to <whom> by <who>". Nothing when the operator's
 * own move ended it (completed, paused, skipped, stopped).
 */
export function LostTask({ taskUid }: { taskUid: string }) {
  const me = useAccount().user.uid
  const users = useUsers()
  const lost = useApiQuery([...queryKeys.player, 'last', taskUid], (api) =>
    unwrap(api.GET('/tasks/{uid}', { params: { path: { uid: taskUid } } })),
  )
  const task = lost.data
  if (
    !task ||
    task.status === 'DONE' ||
    task.assignee_uid === me ||
    !task.assignee_updated_by ||
    task.assignee_updated_by === me
  ) {
    return null
  }
  const nameOf = (uid: string) => users.data?.find((user) => user.uid === uid)?.name ?? 'someone'
  const who = nameOf(task.assignee_updated_by)
  return (
    <p className="notice lost-task" role="status">
      <strong>{task.fields.title}</strong>{' '}
      {task.assignee_uid
        ? `was reassigned to ${nameOf(task.assignee_uid)} by ${who}.`
        : `was unassigned by ${who}: it is no longer yours.`}
    </p>
  )
}
