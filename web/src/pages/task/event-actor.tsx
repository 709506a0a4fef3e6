import { Link } from 'react-router-dom'
import type { TaskEvent } from '../../api'
import { useCan } from '../../auth/auth-context'
import { AUTOMATIONS_PATH } from '../settings/settings-paths'

/** Props of {@link EventActor}. */
export interface EventActorProps {
  event: TaskEvent
  userName: (uid: string) => string
}

/**
 * Who made a change in the task's history: a user, an automation rule ("by rule …") or the
 * system. The rule links to its editor in Settings › Automations for admins, the only ones
 * who can open Settings; others read its name.
 */
export function EventActor({ event, userName }: EventActorProps) {
  const isAdmin = useCan('admin')
  const rule = event.automation
  if (rule) {
    if (rule.name === null) {
      return <>by a deleted rule</>
    }
    return (
      <>
        by rule{' '}
        {isAdmin ? <Link to={`${AUTOMATIONS_PATH}/${rule.uid}`}>{rule.name}</Link> : rule.name}
      </>
    )
  }
  return <>{event.actor_uid ? userName(event.actor_uid) : 'System'}</>
}
