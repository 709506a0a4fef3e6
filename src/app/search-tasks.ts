import type { SearchTasksQuery } from '../contract/task-search'
import { type FieldMatch, matchSnippets } from '../core/search/match-snippets'
import { searchTasks as findMatchingTasks } from '../store/task-search'
import type { TaskRecord } from '../store/tasks'
import type { OrgScope } from './actor'

/** A found task and where the search's words are in it. */
export interface SearchResult {
  task: TaskRecord
  matches: FieldMatch[]
}

/** The tasks a search box's text finds, best first, each with its matching fields. */
export async function searchTasks(
  scope: OrgScope,
  query: SearchTasksQuery,
): Promise<SearchResult[]> {
  const tasks = await findMatchingTasks(scope.db.pool, scope.orgUid, {
    text: query.q,
    limit: query.limit ?? 20,
    archived: (query.archived as 'true' | 'false' | 'all' | undefined) ?? 'false',
  })
  return tasks.map((task) => ({
    task,
    matches: matchSnippets(task.fields as Record<string, unknown>, query.q),
  }))
}
