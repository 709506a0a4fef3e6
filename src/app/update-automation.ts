import type { UpdateAutomationBody } from '../contract/automations'
import { type AutomationRecord, findAutomation, replaceAutomation } from '../store/automations'
import { withTransaction } from '../store/database'
import type { Actor } from './actor'
import { automationNotFound, refuseWrongRule } from './check-automation'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/**
 * Changes a rule. A new `trigger` of a time rule counts its moments from now on: the rule does
 * not fire for every moment of the past it would have had.
 */
export async function updateAutomation(
  actor: Actor,
  uid: string,
  body: UpdateAutomationBody,
): Promise<AutomationRecord> {
  return withTransaction(actor.db, async (client) => {
    const before = foundOr(
      await findAutomation(client, actor.orgUid, uid, true),
      automationNotFound,
    )
    await refuseWrongRule(client, actor.orgUid, {
      condition: body.condition,
      actions: body.actions,
    })
    const input = {
      name: body.name ?? before.name,
      enabled: body.enabled ?? before.enabled,
      trigger: body.trigger ?? before.trigger,
      condition: body.condition === undefined ? before.condition : body.condition,
      actions: body.actions ?? before.actions,
    }
    const retimed =
      JSON.stringify(input.trigger) !== JSON.stringify(before.trigger) ||
      (input.enabled && !before.enabled)
    const after = foundOr(
      await replaceAutomation(client, actor.orgUid, before.uid, input, retimed),
      automationNotFound,
    )
    await recordAudit(client, actor, {
      action: 'automation.updated',
      object: { kind: 'automation', uid: after.uid },
      before: definition(before),
      after: definition(after),
    })
    return after
  })
}

/** What an admin changes of a rule: its counters are not audited. */
function definition(rule: AutomationRecord) {
  const { name, enabled, trigger, condition, actions } = rule
  return { name, enabled, trigger, condition, actions }
}
