import type { ApiClient } from './api-client'

/** A task as Fragment's API (or Tessera's) lists it; only the keys an import copies. */
export interface SourceTask {
  uid: string
  status?: string
  archived?: boolean
  due_at?: string
  created_at?: string
  updated_at?: string
  parent_uid?: string | null
  fields: { title: string; [key: string]: unknown }
  [key: string]: unknown
}

/** One page of the source's task list. */
export interface SourcePage {
  tasks: SourceTask[]
  /** Tasks the whole walk will see, when the source says (`meta.total_count`). */
  total: number | null
}

interface ListAnswer {
  items: SourceTask[]
  meta?: { next_cursor?: string | null; total_count?: number | null }
}

/**
 * Walks the source's tasks page by page (`GET /tasks?limit=&cursor=`), following
 * `next_cursor` until it is null: a keyset walk, which sees every task once even while the
 * source keeps changing. `archived`: also the archived tasks.
 */
export async function* walkSourceTasks(
  client: ApiClient,
  options: { archived: boolean; pageSize: number },
): AsyncGenerator<SourcePage> {
  let cursor: string | null = null
  do {
    const query: Record<string, string> = { limit: String(options.pageSize) }
    if (options.archived) {
      query.archived = 'all'
    }
    if (cursor !== null) {
      query.cursor = cursor
    }
    const answer: ListAnswer = await client.request<ListAnswer>('GET', 'tasks', { query })
    yield { tasks: answer.items, total: answer.meta?.total_count ?? null }
    cursor = answer.meta?.next_cursor ?? null
  } while (cursor !== null)
}

/** Keys of a source task that a destination task takes as they are, when present. */
const COPIED_KEYS = [
  'status',
  'archived',
  'due_at',
  'skills',
  'tags',
  'case_uid',
  'participants',
  'form_data',
  'review_status',
  'task_type',
  'external_id',
  'external_status',
  'external_assignee_uid',
] as const

/** A source task as an item of `PUT /tasks/batch`, without its parent (linked afterwards). */
export interface CopiedTask {
  uid: string
  fields: SourceTask['fields']
  [key: string]: unknown
}

/**
 * The task to write for a source task: same uid, fields, status, due date and the other
 * writable keys. Its creation and last update times are not writable, so they are kept as
 * `external_created_at` / `external_updated_at` unless the source already set those.
 * Assignee and queue are left out: the source's users and queues are not the destination's.
 * The parent is left out too, because it may come on a later page: it is linked once every
 * task is there.
 */
export function copyTask(task: SourceTask): CopiedTask {
  const copy: CopiedTask = { uid: task.uid, fields: task.fields }
  for (const key of COPIED_KEYS) {
    const value = task[key]
    if (value !== undefined && value !== null) {
      copy[key] = value
    }
  }
  const createdAt = task.external_created_at ?? task.created_at
  if (typeof createdAt === 'string') {
    copy.external_created_at = createdAt
  }
  const updatedAt = task.external_updated_at ?? task.updated_at
  if (typeof updatedAt === 'string') {
    copy.external_updated_at = updatedAt
  }
  return copy
}
