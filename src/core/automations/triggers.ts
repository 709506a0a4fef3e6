import type { AutomationAction, AutomationEvent } from '../../contract/automations'
import type { UpdateTaskBody } from '../../contract/tasks'

/** Which rule events a change's history entries (task_events.type) amount to. */
const EVENT_OF: Record<string, AutomationEvent> = {
  created: 'created',
  fields_changed: 'updated',
  updated: 'updated',
  routed: 'updated',
  snoozed: 'updated',
  archived: 'updated',
  unarchived: 'updated',
  started: 'updated',
  paused: 'updated',
  reopened: 'updated',
  unassigned: 'updated',
  assigned: 'assigned',
  completed: 'completed',
  commented: 'commented',
}

/** Whether a change with these history entry types is one an event rule waits `on`. */
export function matchesEvents(on: readonly AutomationEvent[], eventTypes: string[]): boolean {
  return eventTypes.some((type) => {
    const event = EVENT_OF[type]
    return event !== undefined && on.includes(event)
  })
}

/** The moment a time rule fires for a task: its anchor timestamp moved by the offset. */
export function momentOf(anchor: Date, offsetMinutes: number): Date {
  return new Date(anchor.getTime() + offsetMinutes * 60_000)
}

/**
 * Whether a moment is due now: it has come, and it is not older than the rule (a rule fires
 * for moments from its creation or last re-timing on, not for every one of the past).
 */
export function isDue(moment: Date, now: Date, firesSince: Date): boolean {
  return moment.getTime() <= now.getTime() && moment.getTime() >= firesSince.getTime()
}

/** What a rule's actions do to a task, as a PATCH body, and the comments they add. */
export function patchOfActions(actions: readonly AutomationAction[]): {
  patch: UpdateTaskBody
  comments: string[]
} {
  const patch: UpdateTaskBody = {}
  const fields: Record<string, unknown> = {}
  const comments: string[] = []
  for (const action of actions) {
    switch (action.type) {
      case 'set_field':
        fields[action.field] = action.value ?? null
        break
      case 'set_priority':
        fields.priority = action.value
        break
      case 'set_status':
        patch.status = action.status
        break
      case 'route':
        patch.queue_uid = action.queue_uid
        break
      case 'assign':
        patch.assignee_uid = action.assignee_uid
        break
      case 'unassign':
        patch.assignee_uid = null
        break
      case 'add_comment':
        comments.push(action.text)
        break
    }
  }
  if (Object.keys(fields).length > 0) {
    patch.fields = fields as UpdateTaskBody['fields']
  }
  return { patch, comments }
}
