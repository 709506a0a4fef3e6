import { exportTasks } from '../../../app/export-tasks'
import { errorResponses } from '../../../contract/common'
import { ExportTasksQuery } from '../../../contract/task-list'
import { taskPresenter } from '../../../presenters/task'
import { exportStream } from '../../../presenters/task-export'
import { actingAs } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/jsonl; charset=utf-8' }

/** Every task matching a filter, streamed as CSV or JSON Lines. */
export function registerExportTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/tasks/export',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Export tasks as CSV or JSON Lines',
        description:
          'Every task the filters of GET /tasks match (not one page), in the list’s order (`sort`), streamed: the answer starts at once and memory stays flat however many tasks match. CSV: UTF-8 with a byte-order mark, a header row, the `columns` asked for; text that a spreadsheet would run as a formula (starting with = + - @) gets a leading apostrophe. JSON Lines: one task object per line, as GET /tasks/{uid} returns it. Bad filters or columns are a 422 before anything is sent.',
        tags: ['tasks'],
        querystring: ExportTasksQuery,
        produces: [CONTENT_TYPES.csv, CONTENT_TYPES.jsonl],
        response: {
          200: {
            description: 'The file, streamed.',
            content: {
              [CONTENT_TYPES.csv]: { schema: { type: 'string' } },
              [CONTENT_TYPES.jsonl]: { schema: { type: 'string' } },
            },
          },
          ...errorResponses(401, 422),
        },
      },
    },
    async (request, reply) => {
      const exported = await exportTasks(actingAs(request, db), request.query)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .type(CONTENT_TYPES[exported.format])
        .header('content-disposition', `attachment; filename="tasks-${day}.${exported.format}"`)
        .send(exportStream(exported, taskPresenter(request.principal?.calendar ?? null)))
    },
  )
}
