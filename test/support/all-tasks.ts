import { expect } from 'vitest'
import type { ApiClient } from './api-client'

/** Every task of an organization, archived ones too, by uid, as the list answers them. */
export async function allTasks(api: ApiClient): Promise<Map<string, Record<string, unknown>>> {
  const tasks = new Map<string, Record<string, unknown>>()
  let cursor: string | null = null
  do {
    const query: Record<string, string> = { limit: '1000', archived: 'all' }
    if (cursor) {
      query.cursor = cursor
    }
    const res = await api.get('tasks', { query })
    expect(res.status).toBe(200)
    for (const task of res.body.items) {
      // Each task once: a second sighting would be a duplicate.
      expect(tasks.has(task.uid)).toBe(false)
      tasks.set(task.uid, task)
    }
    cursor = res.body.meta.next_cursor
  } while (cursor)
  return tasks
}

/** What an import must carry over of a task. */
export function essence(task: Record<string, unknown>) {
  const { uid, status, due_at, archived, fields, parent_uid } = task
  return { uid, status, due_at, archived, fields, parent_uid }
}
