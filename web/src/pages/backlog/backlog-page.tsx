import { keepPreviousData } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import {
  queryKeys,
  type User,
  useApiQuery,
  useFieldDefinitions,
  useQueueStats,
  useQueues,
  useUsers,
} from '../../api'
import { useAccount, useCan } from '../../auth/auth-context'
import { searchMatches } from '../../fields'
import { usePageTitle } from '../../layout/use-page-title'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import { NEW_TASK_PATH } from '../new-task/new-task-page'
import { BacklogEmpty } from './backlog-empty'
import { buildTaskQuery, filtersToSearch, isFiltered, type SortKey } from './backlog-filters'
import { BulkBar } from './bulk-bar'
import { ColumnPicker } from './column-picker'
import { exportColumns, SUMMARY_COLUMN, shownColumns } from './columns'
import { ExportMenu } from './export-menu'
import { FilterBar } from './filter-bar'
import { Pager } from './pager'
import { QueueCounts } from './queue-counts'
import { queueOrder } from './queue-order'
import { QueueSidebar } from './queue-sidebar'
import { SaveView } from './save-view'
import { SelectionBanner } from './selection-banner'
import { type SortState, TaskTable } from './task-table'
import { useBacklogState } from './use-backlog-state'
import { useCursorPages } from './use-cursor-pages'
import { useRowKeys } from './use-row-keys'
import { useSelection } from './use-selection'
import { ViewHeader } from './view-header'
import { ViewMenu } from './view-menu'
import { ViewSidebar } from './view-sidebar'
import { viewContent, viewHref } from './view-state'
import { useViews } from './views-api'
import './backlog.css'

/** The table's sorted column: the list's own order is due date, soonest first. */
function tableSort(sort: string | null): SortState {
  const shown = sort ?? 'due_at'
  return { key: shown.replace('-', '') as SortKey, descending: shown.startsWith('-') }
}

function namesByUid(items: { uid: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.uid, item.name]))
}

/**
 * The backlog: every task (`/`) or one queue's (`/queues/:uid`), filtered, sorted, in the
 * reader's columns and paged by cursor, refreshed live as tasks change; saved views in the
 * sidebar; selection and bulk actions for admins; export of everything the filter matches.
 * The address holds the whole state (filters, sort, columns, open view).
 */
export function BacklogPage() {
  const { uid: queueUid = null } = useParams()
  const state = useBacklogState()
  const { filters, columns, viewUid } = state
  const navigate = useNavigate()
  const account = useAccount()
  const canCreate = useCan('operator')
  const canBulk = useCan('admin')
  const queues = useQueues()
  const users = useUsers()
  const stats = useQueueStats()
  const definitions = useFieldDefinitions()
  const views = useViews()
  const fieldDefinitions = definitions.data ?? []

  const queue = queues.data?.find((q) => q.uid === queueUid)
  const dispatch = queue ? queueOrder(queue, fieldDefinitions) : null
  // The note only while the queue's own order is the one shown.
  const order = filters.sort ? null : dispatch
  const sort = filters.sort ?? dispatch?.sort ?? null
  const filterKey = `${queueUid}?${filtersToSearch(filters)}`
  const pages = useCursorPages(filterKey)
  const query = buildTaskQuery({ ...filters, sort }, queueUid, pages.cursor)
  const tasks = useApiQuery(queryKeys.taskList(query), (api) => api.listTasks(query), {
    placeholderData: keepPreviousData,
  })

  const view = views.data?.find((candidate) => candidate.uid === viewUid) ?? null
  const line = stats.data?.find((l) => l.queue_uid === queueUid)
  const title = view?.name ?? (queueUid ? (queue?.name ?? 'Queue') : 'All tasks')
  usePageTitle(title)

  const usersByUid = useMemo(
    () => new Map<string, User>((users.data ?? []).map((user) => [user.uid, user])),
    [users.data],
  )
  const queueNames = useMemo(() => namesByUid(queues.data), [queues.data])
  const items = tasks.data?.items ?? []
  const pageUids = useMemo(() => items.map((task) => task.uid), [items])
  const total = tasks.data?.meta.total_count ?? null
  const fieldNames = useMemo(
    () => [...new Set(items.flatMap((task) => Object.keys(task.fields)))].sort(),
    [items],
  )
  const q = filters.q.trim()
  const matches = useMemo(
    () =>
      q
        ? new Map(items.map((task) => [task.uid, searchMatches(task.fields, q, fieldDefinitions)]))
        : null,
    [items, q, fieldDefinitions],
  )

  const selection = useSelection(filterKey, pageUids)
  const [focusedUid, setFocusedUid] = useState<string | null>(null)
  useRowKeys({
    uids: pageUids,
    focusedUid,
    ...(canBulk ? { onToggle: (uid: string) => selection.toggle(uid, false) } : {}),
    onOpen: (uid) => navigate(`/tasks/${uid}`),
  })

  const content = viewContent(filters, queueUid, columns)
  const shown = shownColumns(columns)
  const exportRequest = {
    filter: content.filter,
    sort,
    columns: exportColumns(columns, fieldDefinitions),
  }
  const onSort = (key: SortKey) => {
    const next = (sort ?? 'due_at') === key ? (`-${key}` as const) : key
    state.setFilters({ ...filters, sort: next })
  }

  return (
    <div className="backlog">
      <div className="backlog-side">
        <QueueSidebar viewOpen={viewUid !== null} />
        <ViewSidebar
          views={views.data}
          error={views.error}
          currentUid={viewUid}
          limit={filters.limit}
        />
      </div>
      <section className="backlog-main" aria-labelledby="backlog-title">
        <header className="page-header">
          <div className="backlog-title-row">
            <h1 id="backlog-title">{title}</h1>
            <div className="backlog-actions">
              <SaveView
                content={content}
                suggestedName={view ? `${view.name} (copy)` : queueUid ? (queue?.name ?? '') : ''}
                dropsSummary={columns?.some((column) => column.key === SUMMARY_COLUMN) ?? false}
                onSaved={(saved) => navigate(viewHref(saved, filters.limit))}
              />
              <ViewMenu
                views={views.data ?? []}
                account={account}
                users={usersByUid}
                limit={filters.limit}
                onDeleted={(uid) => (uid === viewUid ? state.leaveView() : undefined)}
              />
              <ColumnPicker
                columns={columns}
                definitions={fieldDefinitions}
                seenFieldKeys={fieldNames}
                onChange={state.setColumns}
              />
              <ExportMenu request={exportRequest} total={total} />
              {canCreate ? (
                <Link
                  className="button-primary"
                  to={queueUid ? `${NEW_TASK_PATH}?queue=${queueUid}` : NEW_TASK_PATH}
                >
                  New task
                </Link>
              ) : null}
            </div>
          </div>
          {viewUid ? (
            <ViewHeader
              view={view}
              loaded={views.isSuccess}
              content={content}
              account={account}
              users={usersByUid}
              limit={filters.limit}
              onLeave={state.leaveView}
            />
          ) : null}
          {queueUid && line ? <QueueCounts counts={line} /> : null}
          {queue?.description ? <p className="muted">{queue.description}</p> : null}
          {order ? (
            <p className={order.exact ? 'order-note' : 'order-note order-note-approx'}>
              {order.note}
            </p>
          ) : null}
        </header>
        <FilterBar
          filters={filters}
          onChange={state.setFilters}
          fieldNames={fieldNames}
          defaultSortLabel={
            dispatch
              ? dispatch.exact
                ? 'Dispatch order'
                : 'Nearest to dispatch order'
              : 'Due date, soonest first'
          }
        />
        {canBulk ? (
          <SelectionBanner
            selection={selection.value}
            pageUids={pageUids}
            total={total}
            onSelectAllMatching={selection.selectAllMatching}
            onClear={selection.clear}
          />
        ) : null}
        {canBulk ? (
          <BulkBar
            selection={selection.value}
            count={selection.count(total ?? 0)}
            filter={content.filter}
            onFinished={(clear) => (clear ? selection.clear() : undefined)}
          />
        ) : null}
        {tasks.isError ? (
          <ErrorNotice
            error={tasks.error}
            action="Could not load the tasks"
            onRetry={() => void tasks.refetch()}
          />
        ) : null}
        {tasks.isPending ? <Loading label="Loading tasks" /> : null}
        {tasks.isSuccess && items.length === 0 ? (
          <BacklogEmpty
            filters={filters}
            filtered={isFiltered(filters)}
            onChange={state.setFilters}
          />
        ) : null}
        {items.length > 0 ? (
          <TaskTable
            tasks={items}
            caption={`${title}: tasks`}
            columns={shown}
            context={{ users: usersByUid, queueNames, definitions: fieldDefinitions }}
            sort={tableSort(sort)}
            onSort={onSort}
            onResize={state.setColumns}
            selection={
              canBulk
                ? {
                    isSelected: selection.isSelected,
                    onToggle: selection.toggle,
                    pageState: selection.pageState,
                    onTogglePage: selection.togglePage,
                  }
                : null
            }
            focusedUid={focusedUid}
            onFocusRow={setFocusedUid}
            matches={matches}
          />
        ) : null}
        {tasks.data && items.length > 0 ? (
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
        {items.length > 0 ? (
          <p className="muted small keys-hint">
            Keys: <span className="kbd">j</span> <span className="kbd">k</span> move,{' '}
            {canBulk ? (
              <>
                <span className="kbd">x</span> selects,{' '}
              </>
            ) : null}
            <span className="kbd">Enter</span> opens
            {canBulk ? '; shift-click selects a range' : ''}.
          </p>
        ) : null}
      </section>
    </div>
  )
}
