import { type Task, useOrgSettings, useQueues, useUsers } from '../../api'
import { useAccount } from '../../auth/auth-context'
import { hasRole } from '../../auth/roles'
import { AssignAction } from './assign-action'
import { RouteAction } from './route-action'
import { SnoozeAction } from './snooze-action'
import { StatusAction } from './status-action'

/**
 * The changes the signed-in role may make to a task: status (operators), snooze (the
 * assignee, when skipping snoozes), assignment and routing (admins). What the role cannot
 * do is not shown; the API refuses it anyway.
 */
export function TaskActions({ task }: { task: Task }) {
  const account = useAccount()
  const settings = useOrgSettings()
  const users = useUsers()
  const queues = useQueues()
  const canWork = hasRole(account.role, 'operator')
  const canManage = hasRole(account.role, 'admin')
  const canSnooze =
    canWork &&
    task.assignee_uid === account.user.uid &&
    task.status !== 'DONE' &&
    settings.data?.skip_mode === 'snooze'

  if (!canWork) {
    return (
      <section className="panel" aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        <p className="muted">Your role can read tasks but not change them.</p>
      </section>
    )
  }
  // Keyed by updated_at: the forms start again from the task as it now is after a change.
  return (
    <section className="panel" aria-labelledby="actions-title" key={task.updated_at}>
      <h2 id="actions-title">Actions</h2>
      <StatusAction task={task} />
      {canManage ? <AssignAction task={task} users={users.data ?? []} /> : null}
      {canManage ? <RouteAction task={task} queues={queues.data ?? []} /> : null}
      {canSnooze && settings.data ? (
        <SnoozeAction task={task} snoozeMinutes={settings.data.snooze_minutes} />
      ) : null}
    </section>
  )
}
