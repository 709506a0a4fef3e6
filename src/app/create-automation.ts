import { type CreateAutomationBody, MAX_AUTOMATIONS_PER_ORG } from '../contract/automations'
import { AppError } from '../contract/errors'
import { type AutomationRecord, insertAutomation } from '../store/automations'
import { withTransaction } from '../store/database'
import type { Actor } from './actor'
import { refuseWrongRule } from './check-automation'
import { recordAudit } from './record-audit'

/** Adds a rule (enabled unless told); an organization has at most {@link MAX_AUTOMATIONS_PER_ORG}. */
export async function createAutomation(
  actor: Actor,
  body: CreateAutomationBody,
): Promise<AutomationRecord> {
  return withTransaction(actor.db, async (client) => {
    const input = {
      name: body.name,
      enabled: body.enabled ?? true,
      trigger: body.trigger,
      condition: body.condition ?? null,
      actions: body.actions,
    }
    await refuseWrongRule(client, actor.orgUid, input)
    const automation = await insertAutomation(
      client,
      actor.orgUid,
      { ...input, createdBy: actor.actorUid },
      MAX_AUTOMATIONS_PER_ORG,
    )
    if (!automation) {
      throw new AppError(
        'limit_reached',
        `An organization may have ${MAX_AUTOMATIONS_PER_ORG} automations; delete one first.`,
      )
    }
    await recordAudit(client, actor, {
      action: 'automation.created',
      object: { kind: 'automation', uid: automation.uid },
      after: automation,
    })
    return automation
  })
}
