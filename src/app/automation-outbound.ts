import type { AutomationAction } from '../contract/automations'
import { AppError } from '../contract/errors'
import { assigneeOfTask, insertAutomationDelivery } from '../store/automation-outbound'
import type { Queryable } from '../store/database'
import { queueNotification } from './queue-notification'

type SendNotification = Extract<AutomationAction, { type: 'send_notification' }>

/** What a rule's outbound actions need to know of the rule. */
export interface OutboundRule {
  uid: string
  name: string
  trigger: unknown
}

/**
 * A rule's send_notification action for one task, inside the rule's transaction: a message
 * through the notification outbox for each channel (delivered once the rule commits, each
 * channel retried and paused on its own), and bell items for the named users and the
 * task's assignee. A channel deleted since the rule was saved is passed over: the rest of
 * the rule still acts.
 */
export async function queueRuleNotification(
  q: Queryable,
  orgUid: string,
  rule: OutboundRule,
  action: SendNotification,
  taskUid: string,
): Promise<void> {
  const message = { subject: action.subject ?? rule.name, body: action.text, task_uid: taskUid }
  for (const channelUid of action.channel_uids ?? []) {
    try {
      await queueNotification(q, orgUid, { ...message, channel_uid: channelUid })
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) {
        throw error
      }
    }
  }
  const users = new Set(action.user_uids ?? [])
  if (action.assignee) {
    const assignee = await assigneeOfTask(q, orgUid, taskUid)
    if (assignee) {
      users.add(assignee)
    }
  }
  if (users.size > 0) {
    await queueNotification(q, orgUid, { ...message, user_uids: [...users] })
  }
}

/**
 * A rule's call_webhook action for one task: an `automation.fired` delivery of the task as
 * it is now (after the rule's changes) through the webhook outbox.
 */
export async function queueRuleWebhookCall(
  q: Queryable,
  orgUid: string,
  rule: OutboundRule,
  webhookUid: string,
  taskUid: string,
): Promise<void> {
  await insertAutomationDelivery(q, orgUid, {
    webhookUid,
    taskUid,
    info: { automation_uid: rule.uid, automation_name: rule.name, trigger: rule.trigger },
  })
}
