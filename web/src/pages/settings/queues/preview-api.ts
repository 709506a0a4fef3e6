import { keepPreviousData } from '@tanstack/react-query'
import { queryKeys, type Task, unwrap, useApiQuery } from '../../../api'
import type { Condition } from '../../../components/condition-builder/condition'

/** How many matching tasks the preview lists. */
export const PREVIEW_LIMIT = 20

/**
 * A task as the preview selects it: uid, a few natives, and the title. The schema types the
 * items of `POST /tasks/query` loosely (their keys depend on `selects` and `groups`), so the
 * preview names the keys it asked for, typed as the `Task` schema types them.
 */
export type PreviewTask = Pick<Task, 'uid'> &
  Partial<Pick<Task, 'status' | 'due_at' | 'queue_uid'>> & { fields?: Partial<Task['fields']> }

/** One group of the count by status. */
export interface StatusCount {
  status: Task['status']
  count: number
}

/** The first tasks matching `condition`, soonest due first (`POST /tasks/query`). */
export function usePreviewTasks(condition: Condition, enabled: boolean) {
  return useApiQuery(
    [...queryKeys.tasks, 'preview', 'items', condition],
    async (api, signal) => {
      const { items } = await unwrap(
        api.POST('/tasks/query', {
          body: {
            condition,
            limit: PREVIEW_LIMIT,
            selects: ['title', 'status', 'due_at', 'queue_uid'],
            sorts: [{ field: 'due_at', direction: 'ascending' }],
          },
          signal,
        }),
      )
      // The response schema types items loosely (tasks or groups); with `selects` they are tasks.
      return items as unknown as PreviewTask[]
    },
    { enabled, placeholderData: keepPreviousData },
  )
}

/**
 * How many tasks match, by status: grouping by status (three groups at most) counts them
 * all, where the item list stops at its limit.
 */
export function usePreviewCounts(condition: Condition, enabled: boolean) {
  return useApiQuery(
    [...queryKeys.tasks, 'preview', 'counts', condition],
    async (api, signal) => {
      const { items } = await unwrap(
        api.POST('/tasks/query', {
          body: { condition, groups: ['status'], metrics: { count: { type: 'count' } } },
          signal,
        }),
      )
      return items as unknown as StatusCount[]
    },
    { enabled, placeholderData: keepPreviousData },
  )
}
