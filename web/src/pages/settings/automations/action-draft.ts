import type { TaskStatus } from '../../../api'
import {
  formatValue,
  parseValue,
  type ValueType,
} from '../../../components/condition-builder/value-codec'
import type { ActionType, AutomationAction } from './automation-types'

// A record, not a list: the compiler names any action the API adds or drops.
export const ACTION_LABELS: Record<ActionType, string> = {
  set_field: 'Set a field',
  set_status: 'Set the status',
  set_priority: 'Set the priority',
  route: 'Route to a queue',
  assign: 'Assign',
  unassign: 'Unassign',
  add_comment: 'Add a comment',
  send_notification: 'Send a notification',
  call_webhook: 'Call a webhook',
}

export const ACTION_TYPES = Object.keys(ACTION_LABELS) as ActionType[]

/** The value types a field may be set to (lists and JSON through `json`). */
export const FIELD_VALUE_TYPES: readonly ValueType[] = ['text', 'number', 'boolean', 'null', 'json']

/**
 * One action as the form edits it: every input of every type, so that switching the type
 * keeps what was typed, and only the type's own inputs are sent.
 */
export interface ActionDraft {
  /** Stable across moves, for React's keys and focus. */
  id: number
  type: ActionType
  field: string
  valueType: ValueType
  valueText: string
  status: TaskStatus
  priority: string
  queueUid: string
  assigneeUid: string
  text: string
  subject: string
  channelUids: string[]
  userUids: string[]
  toAssignee: boolean
  webhookUid: string
}

let nextId = 1

export function newActionDraft(type: ActionType = 'set_status'): ActionDraft {
  return {
    id: nextId++,
    type,
    field: '',
    valueType: 'text',
    valueText: '',
    status: 'STARTED',
    priority: '',
    queueUid: '',
    assigneeUid: '',
    text: '',
    subject: '',
    channelUids: [],
    userUids: [],
    toAssignee: false,
    webhookUid: '',
  }
}

/** The draft of an action the API returned, so that saving it unchanged sends it back. */
export function draftFromAction(action: AutomationAction): ActionDraft {
  const draft = newActionDraft(action.type)
  switch (action.type) {
    case 'set_field': {
      const { valueType, valueText } = formatValue(action.value)
      // A value the form cannot type (a list, an object) is edited as JSON.
      const fits = FIELD_VALUE_TYPES.some((type) => type === valueType)
      return {
        ...draft,
        field: action.field,
        valueType: fits ? (valueType as ValueType) : 'json',
        valueText: fits ? valueText : JSON.stringify(action.value),
      }
    }
    case 'set_status':
      return { ...draft, status: action.status }
    case 'set_priority':
      return { ...draft, priority: String(action.value) }
    case 'route':
      return { ...draft, queueUid: action.queue_uid }
    case 'assign':
      return { ...draft, assigneeUid: action.assignee_uid }
    case 'unassign':
      return draft
    case 'add_comment':
      return { ...draft, text: action.text }
    case 'send_notification':
      return {
        ...draft,
        text: action.text,
        subject: action.subject ?? '',
        channelUids: action.channel_uids ?? [],
        userUids: action.user_uids ?? [],
        toAssignee: action.assignee === true,
      }
    case 'call_webhook':
      return { ...draft, webhookUid: action.webhook_uid }
  }
}

export type ActionResult = { ok: true; action: AutomationAction } | { ok: false; message: string }

const NUMBER = /^-?\d+(\.\d+)?$/

/** The action the draft describes, or what keeps it from being one. */
export function actionFromDraft(draft: ActionDraft): ActionResult {
  const fail = (message: string): ActionResult => ({ ok: false, message })
  switch (draft.type) {
    case 'set_field': {
      const field = draft.field.trim()
      if (field === '') {
        return fail('Enter the field to set')
      }
      const parsed = parseValue(draft.valueType, draft.valueText)
      return parsed.ok
        ? { ok: true, action: { type: 'set_field', field, value: parsed.value } }
        : fail(parsed.message)
    }
    case 'set_status':
      return { ok: true, action: { type: 'set_status', status: draft.status } }
    case 'set_priority': {
      const text = draft.priority.trim()
      if (text === '') {
        return fail('Enter the priority')
      }
      // Numbers stay numbers, as the priority sort of a queue compares them.
      const value = NUMBER.test(text) ? Number(text) : text
      return { ok: true, action: { type: 'set_priority', value } }
    }
    case 'route':
      return draft.queueUid
        ? { ok: true, action: { type: 'route', queue_uid: draft.queueUid } }
        : fail('Pick a queue')
    case 'assign':
      return draft.assigneeUid
        ? { ok: true, action: { type: 'assign', assignee_uid: draft.assigneeUid } }
        : fail('Pick a person')
    case 'unassign':
      return { ok: true, action: { type: 'unassign' } }
    case 'add_comment':
      return draft.text.trim()
        ? { ok: true, action: { type: 'add_comment', text: draft.text } }
        : fail('Enter the comment')
    case 'send_notification': {
      if (draft.channelUids.length === 0 && draft.userUids.length === 0 && !draft.toAssignee) {
        return fail('Pick a channel, a person or the assignee')
      }
      if (!draft.text.trim()) {
        return fail('Enter the message')
      }
      return {
        ok: true,
        action: {
          type: 'send_notification',
          text: draft.text,
          ...(draft.subject.trim() ? { subject: draft.subject.trim() } : {}),
          ...(draft.channelUids.length > 0 ? { channel_uids: draft.channelUids } : {}),
          ...(draft.userUids.length > 0 ? { user_uids: draft.userUids } : {}),
          ...(draft.toAssignee ? { assignee: true } : {}),
        },
      }
    }
    case 'call_webhook':
      return draft.webhookUid
        ? { ok: true, action: { type: 'call_webhook', webhook_uid: draft.webhookUid } }
        : fail('Pick a webhook')
  }
}

/** The list with the item at `index` moved one place up (-1) or down (1). */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by
  if (target < 0 || target >= items.length) {
    return [...items]
  }
  const moved = [...items]
  const [item] = moved.splice(index, 1)
  if (item !== undefined) {
    moved.splice(target, 0, item)
  }
  return moved
}
