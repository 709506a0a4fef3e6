import { listTasks } from '../../../app/read-tasks'
import { ErrorResponse } from '../../../contract/common'
import { ListTasksQuery, RESERVED_LIST_PARAMS, TaskPage } from '../../../contract/task-list'
import { taskPresenter } from '../../../presenters/task'
import { actingAs } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

/** The task list: filters, sort and cursor pagination. */
export function registerListTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/tasks',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'List and filter tasks',
        description:
          `Reserved parameters: ${RESERVED_LIST_PARAMS.join(', ')}. ` +
          'Any query parameter not listed here filters on the custom field of that name (`?country=FR&claim_id=123`, AND-ed; repeat a parameter for "any of"; `fields.<name>` for a custom field named like a parameter). Keyset pagination: following next_cursor visits every matching task exactly once, even while tasks are added; prev_cursor walks back page for page. Polling (`order_by=created_at&created_at_after=…`, exclusive) lists only tasks at least 2 s old and never ends a page inside a millisecond, so two polls neither miss nor repeat a task.',
        tags: ['tasks'],
        querystring: ListTasksQuery,
        response: { 200: TaskPage, 401: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const page = await listTasks(actingAs(request, db), request.query)
      const present = taskPresenter(request.principal?.calendar ?? null, page.expansions)
      return {
        items: page.tasks.map(present),
        meta: {
          limit: page.limit,
          self_cursor: request.query.cursor ?? null,
          prev_cursor: page.prevCursor,
          next_cursor: page.nextCursor,
          total_count: page.total,
        },
      }
    },
  )
}
