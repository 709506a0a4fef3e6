import { ErrorResponse } from '../../../contract/common'
import { ListTasksQuery, TaskPage } from '../../../contract/task-list'
import { decodeCursor, encodeCursor } from '../../../core/tasks/cursor'
import { parseListFilter } from '../../../core/tasks/list-filter'
import { countTasks, listTasks } from '../../../store/task-list'
import { principalOf } from '../../plugins/auth'
import { presentTaskFor } from '../../request-context'
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
          'Any query parameter not listed here filters on the custom field of that name (`?country=FR&claim_id=123`, AND-ed; repeat a parameter for "any of"; `fields.<name>` for a custom field named like a parameter). Keyset pagination: following next_cursor visits every matching task exactly once, even while tasks are added.',
        tags: ['tasks'],
        querystring: ListTasksQuery,
        response: { 200: TaskPage, 401: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { orgUid } = principalOf(request)
      const { limit = 50, cursor, ...rest } = request.query
      const filter = parseListFilter(rest as Record<string, string | string[]>)
      const after = cursor ? decodeCursor(cursor, filter.sort) : undefined
      // One row more than asked tells whether another page exists.
      const [rows, total] = await Promise.all([
        listTasks(db.pool, orgUid, filter, { limit: limit + 1, after }),
        countTasks(db.pool, orgUid, filter),
      ])
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(presentTaskFor(request)),
        meta: {
          limit,
          self_cursor: cursor ?? null,
          prev_cursor: null,
          next_cursor:
            rows.length > limit && last
              ? encodeCursor({
                  sort: filter.sort,
                  value: last[filter.sort.key].toISOString(),
                  uid: last.uid,
                })
              : null,
          total_count: total,
        },
      }
    },
  )
}
