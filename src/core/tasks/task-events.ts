import type { TASK_EVENT_TYPES } from '../../contract/events'
import type { TaskState } from './task-state'

/** Kinds of entries in a task's history. */
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number]

/** One entry of a task's history, before the store stamps it with an id, actor and time. */
export interface TaskEventDraft {
  task_uid: string
  type: TaskEventType
  data: Record<string, unknown>
}

const NATIVE_KEYS = [
  'due_at',
  'skills',
  'parent_uid',
  'tags',
  'case_uid',
  'participants',
  'form_data',
  'metadata_form_uid',
  'review_status',
  'task_type',
  'external_id',
  'external_status',
  'external_assignee_uid',
  'external_created_at',
  'external_updated_at',
] as const

function changedFieldKeys(before: TaskState, after: TaskState): string[] {
  // Most moves (play, pause, complete without a form) carry the fields object over as is.
  if (before.fields === after.fields) {
    return []
  }
  const keys = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])
  return [...keys].filter((key) => !same(before.fields[key], after.fields[key]))
}

function statusEvent(before: TaskState, after: TaskState): TaskEventType | null {
  if (before.status === after.status) {
    return null
  }
  if (after.status === 'DONE') {
    return 'completed'
  }
  if (before.status === 'DONE') {
    return 'reopened'
  }
  if (after.status === 'STARTED') {
    return 'started'
  }
  // STARTED → TODO: paused if still in someone's hands; back in the pool is already told
  // by the `unassigned` entry; otherwise a plain status change.
  if (after.assignee_uid) {
    return 'paused'
  }
  return before.assignee_uid ? null : 'updated'
}

function same(a: unknown, b: unknown): boolean {
  // A value carried over unchanged is the same one: no need to serialise it twice.
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/**
 * What changed between two states of a task, as history entries in a stable order. A new
 * task (`before` null) is `created`, then whatever its first state already holds (a queue).
 */
export function describeChanges(before: TaskState | null, after: TaskState): TaskEventDraft[] {
  const events: TaskEventDraft[] = []
  const push = (type: TaskEventType, data: Record<string, unknown> = {}) =>
    events.push({ task_uid: after.uid, type, data })
  const base: TaskState = before ?? { ...after, queue_uid: null, assignee_uid: null }
  if (!before) {
    push('created', { status: after.status })
  } else {
    const fields = changedFieldKeys(before, after)
    if (fields.length > 0) {
      push('fields_changed', { keys: fields })
    }
    const natives = NATIVE_KEYS.filter((key) => !same(before[key], after[key]))
    if (natives.length > 0) {
      push('updated', { keys: natives })
    }
  }
  if (base.queue_uid !== after.queue_uid) {
    push('routed', {
      from: base.queue_uid,
      to: after.queue_uid,
      by: after.queue_updated_by ? 'hand' : 'rules',
    })
  }
  if (base.assignee_uid !== after.assignee_uid) {
    if (after.assignee_uid) {
      push('assigned', { assignee_uid: after.assignee_uid, previous: base.assignee_uid })
    } else {
      push('unassigned', { previous: base.assignee_uid })
    }
  }
  if (before) {
    const status = statusEvent(before, after)
    if (status) {
      push(status, { from: before.status, to: after.status })
    }
    if (after.snooze_expires_at && !same(before.snooze_expires_at, after.snooze_expires_at)) {
      push('snoozed', { until: after.snooze_expires_at.toISOString() })
    }
    if (before.archived !== after.archived) {
      push(after.archived ? 'archived' : 'unarchived')
    }
  }
  return events
}
