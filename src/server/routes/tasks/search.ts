import { searchTasks } from '../../../app/search-tasks'
import { errorResponses } from '../../../contract/common'
import { SearchTasksQuery, TaskSearchResults } from '../../../contract/task-search'
import { taskPresenter } from '../../../presenters/task'
import { actingAs } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

/** Search as a search box needs it: ranked, with where each task matched. */
export function registerSearchTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/tasks/search',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Search tasks',
        description:
          'Words in any order, each matching the start of a word in any field value, accents and case ignored (`?q=` on GET /tasks filters with the same rule). Ranked, at most 50 results, each with the fields that matched and a snippet with the words highlighted.',
        tags: ['tasks'],
        querystring: SearchTasksQuery,
        response: { 200: TaskSearchResults, ...errorResponses(401, 422) },
      },
    },
    async (request) => {
      const present = taskPresenter(request.principal?.calendar ?? null, {})
      const results = await searchTasks(actingAs(request, db), request.query)
      return {
        items: results.map(({ task, matches }) => ({ task: present(task), matches })),
      }
    },
  )
}
