import type { TaskEvent } from '../../api'
import { formatDateTime } from '../../ui/format'

/** How to name the people and queues an event refers to. */
export interface EventNames {
  user: (uid: string) => string
  queue: (uid: string) => string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

function keys(data: TaskEvent['data']): string {
  return Array.isArray(data.keys) ? data.keys.map(String).join(', ') : ''
}

/** One entry of a task's history as a sentence: "Routed to Disputes by the rules". */
export function describeEvent(event: TaskEvent, names: EventNames): string {
  const data = event.data
  switch (event.type) {
    case 'created':
      return 'Created'
    case 'fields_changed':
      return `Changed fields: ${keys(data)}`
    case 'updated':
      return `Changed ${keys(data)}`
    case 'routed': {
      const to = text(data.to)
      const by = data.by === 'hand' ? 'by hand' : 'by the rules'
      return to ? `Routed to ${names.queue(to)} ${by}` : `Taken out of its queue ${by}`
    }
    case 'assigned':
      return `Assigned to ${names.user(text(data.assignee_uid))}`
    case 'unassigned':
      return 'Unassigned'
    case 'started':
      return 'Started'
    case 'paused':
      return 'Paused'
    case 'skipped':
      return data.reason ? `Skipped: ${text(data.reason)}` : 'Skipped'
    case 'snoozed':
      return data.until ? `Snoozed until ${formatDateTime(text(data.until))}` : 'Snoozed'
    case 'completed':
      return 'Completed'
    case 'reopened':
      return 'Reopened'
    case 'archived':
      return 'Archived'
    case 'unarchived':
      return 'Restored from the archive'
    case 'commented':
      return 'Commented'
  }
}
