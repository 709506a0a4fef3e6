import { Link } from 'react-router-dom'
import { queryKeys, unwrap, useApiQuery } from '../../api'
import { useAccount } from '../../auth/auth-context'
import { formatDateTime } from '../../ui/format'

/**
 * The operator's tasks that wait for them, not started: paused ones (still theirs) and
 * snoozed ones (theirs again when they wake). Under the player's key, so every move and live
 * update refreshes it. Quiet when it cannot load: it only adds to what the player shows.
 */
export function WaitingTasks() {
  const account = useAccount()
  const me = account.user.uid
  const waiting = useApiQuery([...queryKeys.player, 'waiting', me], async (api) => {
    const query = { assignee_uid: me, status: 'TODO', limit: 20 }
    return (await unwrap(api.GET('/tasks', { params: { query } }))).items
  })
  const items = waiting.data ?? []
  if (items.length === 0) {
    return null
  }
  const now = Date.now()
  return (
    <section className="panel waiting-tasks" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Still yours</h2>
      <ul>
        {items.map((task) => {
          const asleep = task.snooze_expires_at && Date.parse(task.snooze_expires_at) > now
          return (
            <li key={task.uid}>
              <Link to={`/tasks/${task.uid}`}>{task.fields.title}</Link>{' '}
              <span className="muted">
                {asleep
                  ? `Snoozed until ${formatDateTime(task.snooze_expires_at)}`
                  : 'Paused: still yours. Next (n) resumes it.'}
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
