import { useMemo } from 'react'
import { Link, useParams } from 'react-router-dom'
import { isApiStatus, queryKeys, unwrap, useApiQuery, useQueues, useUsers } from '../../api'
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
import './task.css'

function namesByUid(items: { uid: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.uid, item.name]))
}

/** One task: what it is, where it stands, what happened to it, and what you may do with it. */
export function TaskPage() {
  const { uid = '' } = useParams()
  const task = useApiQuery(queryKeys.task(uid), (api) =>
    unwrap(api.GET('/tasks/{uid}', { params: { path: { uid } } })),
  )
  const users = useUsers()
  const queues = useQueues()
  const userNames = useMemo(() => namesByUid(users.data), [users.data])
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
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
        <h1 id="task-title">{data.fields.title}</h1>
        <p className="task-ids">
          <BackOfficeLink url={data.fields.url} />
          <span className="muted small">
            uid <code>{data.uid}</code>
          </span>
        </p>
      </header>
      <div className="task-grid">
        <div className="task-main">
          <TaskFields fields={data.fields} />
          <TaskComments taskUid={data.uid} />
          <TaskHistory taskUid={data.uid} userNames={userNames} queueNames={queueNames} />
        </div>
        <div className="task-side">
          <section className="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">Summary</h2>
            <TaskSummary task={data} userNames={userNames} queueNames={queueNames} />
          </section>
          <TaskActions task={data} />
          <TaskMetrics task={data} />
        </div>
      </div>
    </article>
  )
}
