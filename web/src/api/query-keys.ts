import type { ListTasksQuery } from './types'

/**
 * Every react-query key of the app, in one place, so that live updates and mutations
 * invalidate the right caches. Keys are prefixes of each other on purpose: invalidating
 * `queryKeys.tasks` refreshes every list, task, comment and history.
 */
export const queryKeys = {
  session: ['session'] as const,
  /** Everything about tasks: lists and single tasks (with comments and events). */
  tasks: ['tasks'] as const,
  taskLists: ['tasks', 'list'] as const,
  taskList: (query: ListTasksQuery) => ['tasks', 'list', query] as const,
  task: (uid: string) => ['tasks', 'detail', uid] as const,
  /**
   * Saved views with their counts (`GET /views?counts=true`): under the task lists, so that
   * live task events refresh the counts as they refresh the lists.
   */
  views: ['tasks', 'list', 'views'] as const,
  taskComments: (uid: string) => ['tasks', 'detail', uid, 'comments'] as const,
  taskEvents: (uid: string) => ['tasks', 'detail', uid, 'events'] as const,
  /** Queues and their figures. */
  queues: ['queues'] as const,
  queueList: ['queues', 'list'] as const,
  queueStats: ['queues', 'stats'] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  /** The audit log: one key per filter and page (`cursor` null for the first). */
  audit: ['audit'] as const,
  auditPage: (filter: Record<string, string>, cursor: string | null) =>
    ['audit', filter, cursor] as const,
  settings: ['settings'] as const,
  calendar: ['settings', 'calendar'] as const,
  webhooks: ['webhooks'] as const,
  /** The signed-in user's bell (`GET /notifications`). */
  notifications: ['notifications'] as const,
  /** Notification channels (`GET /notification-channels`). */
  notificationChannels: ['notification-channels'] as const,
  /** Custom field definitions (`GET /fields`): how every page shows and edits `fields`. */
  fields: ['fields'] as const,
  /** Forms (`GET /forms`): for creating tasks and completing a queue's. */
  forms: ['forms'] as const,
  player: ['player'] as const,
  /** Put dashboard queries under this prefix: live task events refresh it. */
  dashboard: ['dashboard'] as const,
}
