import type { UseQueryResult } from '@tanstack/react-query'
import { unwrap } from '../../../sdk/src/index'
import { useApiQuery } from './hooks'
import { queryKeys } from './query-keys'
import type { OrgSettings, Queue, QueueStats, User } from './types'

/**
 * The organization's queues, in routing order (`GET /queues`). Refetched whenever a page
 * using them opens: live events tell of tasks, not of queues another admin just made.
 */
export function useQueues(): UseQueryResult<Queue[], Error> {
  return useApiQuery(queryKeys.queueList, async (api) => (await unwrap(api.GET('/queues'))).items, {
    staleTime: 0,
  })
}

/** The organization's users (`GET /users`), to name assignees and authors. */
export function useUsers(): UseQueryResult<User[], Error> {
  return useApiQuery(queryKeys.users, async (api) => (await unwrap(api.GET('/users'))).items, {
    staleTime: 5 * 60_000,
  })
}

/**
 * Open, overdue and SLA-breaching counts of every queue, then of the tasks in no queue
 * (`GET /queues/stats`). Live task events refresh it.
 */
export function useQueueStats(): UseQueryResult<QueueStats[], Error> {
  return useApiQuery(
    queryKeys.queueStats,
    async (api) => (await unwrap(api.GET('/queues/stats'))).items,
  )
}

/** The organization's player settings (`GET /settings`): skip mode, snooze length… */
export function useOrgSettings(): UseQueryResult<OrgSettings, Error> {
  return useApiQuery(queryKeys.settings, (api) => unwrap(api.GET('/settings')))
}
