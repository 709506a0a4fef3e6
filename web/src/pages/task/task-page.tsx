import { useCallback, useMemo, useRef, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import {
  isApiStatus,
  queryKeys,
  unwrap,
  useApiQuery,
  useFieldDefinitions,
  useQueues,
  useUsers,
} from '../../api'
import { useCan } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import { BackOfficeLink } from './back-office-link'
import { TaskActions } from './task-actions'
import { TaskComments } from './task-comments'
import { TaskFields } from './task-fields'
import { TaskHistory } from './task-history'
import { TaskMetrics } from './task-metrics'
import { TaskSummary } from './task-summary'
import { TaskTitle } from './task-title'
import { type Undoable, UndoToast } from './undo-toast'
import './task.css'

function namesByUid(items: { uid: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.uid, item.name]))
}

/**
 * One task: what it is, where it stands, what happened to it. Operators and above edit its
 * title, fields, status and due date in place; admins also its assignee and queue.
 */
export function TaskPage() {
  const { uid = '' } = useParams()
  // Keyed by uid: another task starts with no editor open and no toast of this one.
  return <TaskView key={uid} uid={uid} />
}

function TaskView({ uid }: { uid: string }) {
  const task = useApiQuery(queryKeys.task(uid), (api) =>
    unwrap(api.GET('/tasks/{uid}', { params: { path: { uid } } })),
  )
  const users = useUsers()
  const queues = useQueues()
  const definitions = useFieldDefinitions()
  const canWork = useCan('operator')
  const canManage = useCan('admin')
  const userNames = useMemo(() => namesByUid(users.data), [users.data])
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
  const [undoable, setUndoable] = useState<(Undoable & { id: number }) | null>(null)
  const counter = useRef(0)
  const announce = useCallback((next: Undoable) => {
    counter.current += 1
    setUndoable({ ...next, id: counter.current })
  }, [])
  usePageTitle(task.data?.fields.title ?? 'Task')

  if (task.isPending) {
    return <Loading label="Loading the task" />
  }
  if (task.isError) {
    return isApiStatus(task.error, 404) ? (
      <EmptyState title="No such task">
        <p>
          No task of your organization has the uid <code>{uid}</code>.{' '}
          <Link to="/">Back to the backlog</Link>
        </p>
      </EmptyState>
    ) : (
      <ErrorNotice
        error={task.error}
        action="Could not load the task"
        onRetry={() => void task.refetch()}
      />
    )
  }

  const data = task.data
  return (
    <article className="task-page" aria-labelledby="task-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to={data.queue_uid ? `/queues/${data.queue_uid}` : '/'}>
            ← {data.queue_uid ? (queueNames.get(data.queue_uid) ?? 'Queue') : 'All tasks'}
          </Link>
        </p>
        <TaskTitle task={data} canEdit={canWork} />
        <p className="task-ids">
          <BackOfficeLink url={data.fields.url} />
          <span className="muted small">
            uid <code>{data.uid}</code>
          </span>
        </p>
      </header>
      <div className="task-grid">
        <div className="task-main">
          {definitions.error ? (
            <ErrorNotice
              error={definitions.error}
              action="Could not load the field definitions: fields show by their keys"
            />
          ) : null}
          {definitions.isPending ? (
            <section className="panel" aria-label="Fields">
              <Loading label="Loading the fields" />
            </section>
          ) : (
            <TaskFields task={data} definitions={definitions.data ?? []} canEdit={canWork} />
          )}
          <TaskComments taskUid={data.uid} />
          <TaskHistory taskUid={data.uid} userNames={userNames} queueNames={queueNames} />
        </div>
        <div className="task-side">
          <section className="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">Summary</h2>
            <TaskSummary
              task={data}
              users={users.data ?? []}
              queues={queues.data ?? []}
              userNames={userNames}
              queueNames={queueNames}
              canWork={canWork}
              canManage={canManage}
              onUndoable={announce}
            />
            {canWork ? null : (
              <p className="muted small summary-role">
                Your role can read tasks but not change them.
              </p>
            )}
          </section>
          <TaskActions task={data} />
          <TaskMetrics task={data} />
        </div>
      </div>
      <UndoToast undoable={undoable} onClose={() => setUndoable(null)} />
    </article>
  )
}
