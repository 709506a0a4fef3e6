import type { AutomationAction } from '../contract/automations'
import type { Condition } from '../contract/conditions'
import { AppError, type FieldError } from '../contract/errors'
import { validateCondition } from '../core/conditions'
import { existingUids } from '../store/automation-outbound'
import type { Queryable } from '../store/database'
import { loadOrgRules } from '../store/organizations'
import { findUsersByRef } from '../store/tasks-links'

/** The 404 for an automation uid that names no rule of the caller's organization. */
export function automationNotFound(): AppError {
  return new AppError('not_found', 'No automation with this uid in your organization.')
}

/**
 * Refuses (422) a rule whose condition is invalid or whose actions name a queue or user the
 * organization does not have (or a user who cannot be assigned), naming every wrong field:
 * `/body/condition/conditions/0/value`, `/body/actions/2/queue_uid`.
 */
export async function refuseWrongRule(
  q: Queryable,
  orgUid: string,
  rule: { condition?: Condition | null; actions?: AutomationAction[] },
): Promise<void> {
  const errors: FieldError[] = rule.condition
    ? validateCondition(rule.condition).map((error) => ({
        path: `/body/condition${error.path}`,
        message: error.message,
      }))
    : []
  const actions = rule.actions ?? []
  if (actions.some((action) => action.type === 'route')) {
    const queues = new Set((await loadOrgRules(q, orgUid)).queues.map((queue) => queue.uid))
    actions.forEach((action, i) => {
      if (action.type === 'route' && !queues.has(action.queue_uid.toLowerCase())) {
        errors.push({ path: `/body/actions/${i}/queue_uid`, message: 'no such queue here' })
      }
    })
  }
  const assignees = actions.flatMap((action) =>
    action.type === 'assign' ? [action.assignee_uid.toLowerCase()] : [],
  )
  if (assignees.length > 0) {
    const users = await findUsersByRef(q, orgUid, { uids: assignees, emails: [] })
    const assignable = new Set(
      users
        .filter((user) => user.active !== false && user.role !== 'viewer')
        .map((user) => user.uid),
    )
    actions.forEach((action, i) => {
      if (action.type === 'assign' && !assignable.has(action.assignee_uid.toLowerCase())) {
        errors.push({
          path: `/body/actions/${i}/assignee_uid`,
          message: 'no active user who may work tasks has this uid here',
        })
      }
    })
  }
  errors.push(...(await wrongOutboundTargets(q, orgUid, actions)))
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The automation is invalid.', errors)
  }
}

/**
 * What is wrong with the send_notification and call_webhook actions: one naming no
 * recipient, and each channel, user or webhook uid that is not the organization's.
 */
async function wrongOutboundTargets(
  q: Queryable,
  orgUid: string,
  actions: AutomationAction[],
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const channelUids = actions.flatMap((a) =>
    a.type === 'send_notification' ? (a.channel_uids ?? []).map((u) => u.toLowerCase()) : [],
  )
  const userUids = actions.flatMap((a) =>
    a.type === 'send_notification' ? (a.user_uids ?? []).map((u) => u.toLowerCase()) : [],
  )
  const webhookUids = actions.flatMap((a) =>
    a.type === 'call_webhook' ? [a.webhook_uid.toLowerCase()] : [],
  )
  if (!actions.some((a) => a.type === 'send_notification' || a.type === 'call_webhook')) {
    return errors
  }
  const channels = await existingUids(q, 'notification_channels', orgUid, channelUids)
  const users = new Set(
    (await findUsersByRef(q, orgUid, { uids: userUids, emails: [] })).map((user) => user.uid),
  )
  const webhooks = await existingUids(q, 'webhooks', orgUid, webhookUids)
  actions.forEach((action, i) => {
    if (action.type === 'send_notification') {
      if (!action.channel_uids?.length && !action.user_uids?.length && !action.assignee) {
        errors.push({
          path: `/body/actions/${i}`,
          message: 'names no recipient: give channel_uids, user_uids or assignee: true',
        })
      }
      action.channel_uids?.forEach((uid, j) => {
        if (!channels.has(uid.toLowerCase())) {
          errors.push({
            path: `/body/actions/${i}/channel_uids/${j}`,
            message: 'no notification channel with this uid here',
          })
        }
      })
      action.user_uids?.forEach((uid, j) => {
        if (!users.has(uid.toLowerCase())) {
          errors.push({
            path: `/body/actions/${i}/user_uids/${j}`,
            message: 'no user with this uid here',
          })
        }
      })
    } else if (action.type === 'call_webhook' && !webhooks.has(action.webhook_uid.toLowerCase())) {
      errors.push({
        path: `/body/actions/${i}/webhook_uid`,
        message: 'no webhook with this uid here',
      })
    }
  })
  return errors
}
