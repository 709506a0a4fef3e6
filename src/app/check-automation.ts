import type { AutomationAction } from '../contract/automations'
import type { Condition } from '../contract/conditions'
import { AppError, type FieldError } from '../contract/errors'
import { validateCondition } from '../core/conditions'
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
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The automation is invalid.', errors)
  }
}
