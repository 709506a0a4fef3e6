import { type Task, useOrgSettings } from '../../api'
import { useAccount } from '../../auth/auth-context'
import { hasRole } from '../../auth/roles'
import { SnoozeAction } from './snooze-action'

/**
 * What else the signed-in person may do with the task beyond its summary's controls:
 * snooze it, when it is theirs and skipping snoozes in this organization.
 */
export function TaskActions({ task }: { task: Task }) {
  const account = useAccount()
  const settings = useOrgSettings()
  const canSnooze =
    hasRole(account.role, 'operator') &&
    task.assignee_uid === account.user.uid &&
    task.status !== 'DONE' &&
    settings.data?.skip_mode === 'snooze'
  if (!canSnooze || !settings.data) {
    return null
  }
  // Keyed by updated_at: the form starts again from the task as it now is after a change.
  return (
    <section className="panel" aria-labelledby="actions-title" key={task.updated_at}>
      <h2 id="actions-title">Snooze</h2>
      <SnoozeAction task={task} snoozeMinutes={settings.data.snooze_minutes} />
    </section>
  )
}
