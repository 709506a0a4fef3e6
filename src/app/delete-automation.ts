import { findAutomation, deleteAutomation as removeAutomation } from '../store/automations'
import { withTransaction } from '../store/database'
import type { Actor } from './actor'
import { automationNotFound } from './check-automation'
import { recordAudit } from './record-audit'

/** Deletes a rule with its record of firings; what it did to tasks stays in their history. */
export async function deleteAutomation(actor: Actor, uid: string): Promise<void> {
  await withTransaction(actor.db, async (client) => {
    const before = await findAutomation(client, actor.orgUid, uid, true)
    if (!before || !(await removeAutomation(client, actor.orgUid, uid))) {
      throw automationNotFound()
    }
    await recordAudit(client, actor, {
      action: 'automation.deleted',
      object: { kind: 'automation', uid: before.uid },
      before,
    })
  })
}
