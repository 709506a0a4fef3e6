import type { WebhookEventType } from '../../contract/webhooks'
import type { TaskEventType } from '../tasks/task-events'

/**
 * Which webhook event each kind of history entry is sent as. The four lifecycle moves an
 * integration acts on (assignment, start, pause, skip, completion) keep their own type;
 * every other change of what the task holds or where it sits is a `task.updated`, with the
 * history entry's type in `data.info.event_type`. `reopened` is an update rather than a
 * new lifecycle event because Fragment has none for it.
 *
 * The database fans entries out with the same table (tessera_webhook_type in migration
 * 0003); event-types.test.ts checks that both agree.
 */
export const WEBHOOK_TYPE_OF: Readonly<Record<TaskEventType, WebhookEventType>> = {
  created: 'task.created',
  fields_changed: 'task.updated',
  updated: 'task.updated',
  routed: 'task.updated',
  assigned: 'task.assigned',
  unassigned: 'task.unassigned',
  started: 'task.started',
  paused: 'task.paused',
  skipped: 'task.skipped',
  snoozed: 'task.updated',
  completed: 'task.completed',
  reopened: 'task.updated',
  archived: 'task.updated',
  unarchived: 'task.updated',
  commented: 'task.updated',
}

/** The webhook event a history entry is sent as. */
export function webhookTypeOf(eventType: TaskEventType): WebhookEventType {
  return WEBHOOK_TYPE_OF[eventType]
}
