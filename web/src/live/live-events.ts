import type { QueryKey } from '@tanstack/react-query'
import { queryKeys } from '../api'

/** The data of an SSE `tasks` event: which tasks changed, and how. */
export interface TasksEvent {
  /** Empty for a large batch: then everything about tasks may have changed. */
  task_uids: string[]
  types: string[]
}

/** Reads an event's data; null when it is not what the server promises (then ignore it). */
export function parseTasksEvent(data: string): TasksEvent | null {
  try {
    const parsed: unknown = JSON.parse(data)
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'task_uids' in parsed &&
      Array.isArray(parsed.task_uids) &&
      parsed.task_uids.every((uid) => typeof uid === 'string')
    ) {
      const types = 'types' in parsed && Array.isArray(parsed.types) ? parsed.types : []
      return { task_uids: parsed.task_uids, types: types.map(String) }
    }
  } catch {
    // Not JSON: nothing to act on.
  }
  return null
}

/** What any change of tasks makes stale besides the tasks themselves. */
const DERIVED: QueryKey[] = [queryKeys.queueStats, queryKeys.player, queryKeys.dashboard]

/**
 * The react-query keys to refetch after these events. Lists are always refetched (a change
 * may move a task in or out of any filter); single tasks only when named, unless an event
 * names none, which means "too many to list".
 */
export function invalidationKeys(events: TasksEvent[]): QueryKey[] {
  if (events.some((event) => event.task_uids.length === 0)) {
    return [queryKeys.tasks, ...DERIVED]
  }
  const uids = new Set(events.flatMap((event) => event.task_uids))
  return [queryKeys.taskLists, ...DERIVED, ...[...uids].map((uid) => queryKeys.task(uid))]
}

/** Collects events and hands them over together, at most once per `delayMs`. */
export interface EventBatcher {
  push: (event: TasksEvent) => void
  /** Drops what is pending (on unmount). */
  cancel: () => void
}

/**
 * Batches events so that a burst (an import of 100,000 tasks sends many) costs one refetch
 * per `delayMs` rather than one per event.
 */
export function createEventBatcher(
  flush: (events: TasksEvent[]) => void,
  delayMs: number,
): EventBatcher {
  let pending: TasksEvent[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    push(event) {
      pending.push(event)
      timer ??= setTimeout(() => {
        const events = pending
        pending = []
        timer = null
        flush(events)
      }, delayMs)
    },
    cancel() {
      if (timer) {
        clearTimeout(timer)
      }
      pending = []
      timer = null
    },
  }
}
