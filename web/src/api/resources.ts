import type { UseQueryResult } from '@tanstack/react-query'
import { unwrap } from '../../../sdk/src/index'
import { useApiQuery } from './hooks'
import { queryKeys } from './query-keys'
import type { FieldDefinition, Form, OrgSettings, Queue, QueueStats, User } from './types'

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

/**
 * The organization's custom field definitions (`GET /fields`), in position order: what
 * every page needs to show a task's `fields` by label and type. Settings › Fields refreshes
 * it on every change; another admin's change shows within a minute or on the next page load.
 */
export function useFieldDefinitions(): UseQueryResult<FieldDefinition[], Error> {
  return useApiQuery(queryKeys.fields, async (api) => (await unwrap(api.GET('/fields'))).items, {
    staleTime: 60_000,
  })
}

/** The organization's forms (`GET /forms`): "New task" offers those with a `task_type`. */
export function useForms(): UseQueryResult<Form[], Error> {
  return useApiQuery(queryKeys.forms, async (api) => (await unwrap(api.GET('/forms'))).items, {
    staleTime: 60_000,
  })
}
