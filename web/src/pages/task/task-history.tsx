import { queryKeys, unwrap, useApiQuery } from '../../api'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { formatDateTime } from '../../ui/format'
import { Loading } from '../../ui/loading'
import { describeEvent } from './describe-event'
import { EventActor } from './event-actor'

/** Props of {@link TaskHistory}. */
export interface TaskHistoryProps {
  taskUid: string
  userNames: Map<string, string>
  queueNames: Map<string, string>
}

/**
 * Every change of the task, oldest first, with who made it: a user, an automation rule or the
 * system (`GET /tasks/{uid}/events`).
 */
export function TaskHistory({ taskUid, userNames, queueNames }: TaskHistoryProps) {
  const events = useApiQuery(
    queryKeys.taskEvents(taskUid),
    async (api) =>
      (await unwrap(api.GET('/tasks/{uid}/events', { params: { path: { uid: taskUid } } }))).items,
  )
  const names = {
    user: (uid: string) => userNames.get(uid) ?? 'someone',
    queue: (uid: string) => queueNames.get(uid) ?? 'a deleted queue',
  }
  const items = events.data ?? []
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {events.isPending ? <Loading label="Loading history" /> : null}
      {events.isError ? (
        <ErrorNotice error={events.error} action="Could not load the history" />
      ) : null}
      {events.isSuccess && items.length === 0 ? <EmptyState title="No history yet" /> : null}
      {items.length > 0 ? (
        <ol className="timeline">
          {items.map((event) => (
            <li key={event.id} className={`timeline-item event-${event.type}`}>
              <span className="timeline-text">{describeEvent(event, names)}</span>
              <span className="timeline-meta muted">
                <EventActor event={event} userName={names.user} /> ·{' '}
                <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time>
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}
