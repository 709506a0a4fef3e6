import { keepPreviousData } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Link, useParams } from 'react-router-dom'
import {
  queryKeys,
  useApiQuery,
  useFieldDefinitions,
  useQueueStats,
  useQueues,
  useUsers,
} from '../../api'
import { useCan } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { EmptyState } from '../../ui/empty-state'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import { NEW_TASK_PATH } from '../new-task/new-task-page'
import { buildTaskQuery, DEFAULT_FILTERS, filtersToSearch } from './backlog-filters'
import { FilterBar } from './filter-bar'
import { Pager } from './pager'
import { QueueCounts } from './queue-counts'
import { QueueSidebar } from './queue-sidebar'
import { TaskTable } from './task-table'
import { useBacklogFilters } from './use-backlog-filters'
import { useCursorPages } from './use-cursor-pages'
import './backlog.css'

function namesByUid(items: { uid: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.uid, item.name]))
}

/**
 * The backlog: every task (`/`) or one queue's (`/queues/:uid`), filtered, sorted and paged
 * by cursor, refreshed live as tasks change.
 */
export function BacklogPage() {
  const { uid: queueUid = null } = useParams()
  const [filters, setFilters] = useBacklogFilters()
  const pages = useCursorPages(`${queueUid}?${filtersToSearch(filters)}`)
  const query = buildTaskQuery(filters, queueUid, pages.cursor)
  const tasks = useApiQuery(queryKeys.taskList(query), (api) => api.listTasks(query), {
    placeholderData: keepPreviousData,
  })
  const queues = useQueues()
  const users = useUsers()
  const stats = useQueueStats()
  const definitions = useFieldDefinitions()
  const canCreate = useCan('operator')
  const queue = queues.data?.find((q) => q.uid === queueUid)
  const line = stats.data?.find((l) => l.queue_uid === queueUid)
  const title = queueUid ? (queue?.name ?? 'Queue') : 'All tasks'
  usePageTitle(title)

  const userNames = useMemo(() => namesByUid(users.data), [users.data])
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
  const items = tasks.data?.items ?? []
  const fieldNames = useMemo(
    () => [...new Set(items.flatMap((task) => Object.keys(task.fields)))].sort(),
    [items],
  )
  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS)

  return (
    <div className="backlog">
      <QueueSidebar />
      <section className="backlog-main" aria-labelledby="backlog-title">
        <header className="page-header">
          <div className="backlog-title-row">
            <h1 id="backlog-title">{title}</h1>
            {canCreate ? (
              <Link
                className="button-primary"
                to={queueUid ? `${NEW_TASK_PATH}?queue=${queueUid}` : NEW_TASK_PATH}
              >
                New task
              </Link>
            ) : null}
          </div>
          {queueUid && line ? <QueueCounts counts={line} /> : null}
          {queue?.description ? <p className="muted">{queue.description}</p> : null}
        </header>
        <FilterBar filters={filters} onChange={setFilters} fieldNames={fieldNames} />
        {tasks.isError ? (
          <ErrorNotice
            error={tasks.error}
            action="Could not load the tasks"
            onRetry={() => void tasks.refetch()}
          />
        ) : null}
        {tasks.isPending ? <Loading label="Loading tasks" /> : null}
        {tasks.isSuccess && items.length === 0 ? (
          <EmptyState title={filtered ? 'No task matches these filters' : 'No open tasks here'}>
            {filtered ? (
              <p>Change or clear the filters to see more.</p>
            ) : (
              <p>New tasks appear here as soon as they are created, without reloading.</p>
            )}
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <TaskTable
            tasks={items}
            caption={`${title}: tasks`}
            userNames={userNames}
            queueNames={queueNames}
            definitions={definitions.data ?? []}
            sortedBy={filters.sort.replace('-', '') as 'due_at' | 'created_at' | 'updated_at'}
            descending={filters.sort.startsWith('-')}
          />
        ) : null}
        {tasks.data ? (
          <Pager
            pageNumber={pages.pageNumber}
            pageSize={filters.limit}
            shown={items.length}
            total={tasks.data.meta.total_count}
            hasNext={Boolean(tasks.data.meta.next_cursor)}
            busy={tasks.isPlaceholderData}
            onFirst={pages.first}
            onPrevious={pages.previous}
            onNext={() => tasks.data.meta.next_cursor && pages.next(tasks.data.meta.next_cursor)}
          />
        ) : null}
      </section>
    </div>
  )
}
