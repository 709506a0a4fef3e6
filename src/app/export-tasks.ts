import type { ExportTasksQuery } from '../contract/task-list'
import type { CursorPosition } from '../core/tasks/cursor'
import { type ExportColumn, parseExportColumns } from '../core/tasks/export-columns'
import { parseListFilter } from '../core/tasks/list-filter'
import { listQueues } from '../store/queues'
import { listTasks } from '../store/task-list'
import type { TaskRecord } from '../store/tasks'
import { listUsers } from '../store/users'
import type { OrgScope } from './actor'
import { keysetPages } from './keyset-pages'

/** Tasks read per query: enough to stream fast, few enough to keep memory flat. */
const PAGE_SIZE = 1000

/** An export ready to stream: its columns, the names they need, and the tasks page by page. */
export interface TaskExport {
  format: 'csv' | 'jsonl'
  columns: ExportColumn[]
  queueNames: Map<string, string>
  userEmails: Map<string, string>
  pages: AsyncGenerator<TaskRecord[]>
}

/**
 * Every task matching the list filters, in the list's order, one page at a time: each page
 * is its own short query after the last task of the one before (keyset), so an export of a
 * million tasks holds one page in memory and never blocks other requests for long.
 * Bad filters or columns are refused before the first byte is sent.
 */
export async function exportTasks(scope: OrgScope, query: ExportTasksQuery): Promise<TaskExport> {
  const { format = 'csv', columns: rawColumns, ...filters } = query
  const filter = parseListFilter(filters as Record<string, string | string[]>)
  const columns = format === 'csv' ? parseExportColumns(rawColumns) : []
  const [queues, users] = await Promise.all([
    listQueues(scope.db.pool, scope.orgUid),
    listUsers(scope.db.pool, scope.orgUid),
  ])
  const pages = await keysetPages(PAGE_SIZE, (last: TaskRecord | null) => {
    const after: CursorPosition | undefined = last
      ? { sort: filter.sort, value: last[filter.sort.key].toISOString(), uid: last.uid }
      : undefined
    return listTasks(scope.db.pool, scope.orgUid, filter, { limit: PAGE_SIZE, after })
  })
  return {
    format: format as 'csv' | 'jsonl',
    columns,
    queueNames: new Map(queues.map((queue) => [queue.uid, queue.name])),
    userEmails: new Map(users.map((user) => [user.uid, user.email])),
    pages,
  }
}
