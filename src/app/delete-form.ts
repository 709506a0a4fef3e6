import { formNotFound } from '../contract/errors'
import { withTransaction } from '../store/database'
import { findForm, deleteForm as removeForm } from '../store/forms'
import { lockQueueRules } from '../store/queues'
import type { OrgScope } from './actor'
import { recordAudit } from './record-audit'

/**
 * Deletes a form. Queues completed through it are left without a form (their `form_uid`
 * becomes null); tasks keep their values and `metadata_form_uid`. Under the queue lock, so
 * that no queue is being pointed at the form meanwhile.
 */
export async function deleteForm(scope: OrgScope, uid: string): Promise<void> {
  await withTransaction(scope.db, async (client) => {
    await lockQueueRules(client, scope.orgUid)
    const before = await findForm(client, scope.orgUid, uid)
    if (!before || !(await removeForm(client, scope.orgUid, uid))) {
      throw formNotFound()
    }
    await recordAudit(client, scope, {
      action: 'form.deleted',
      object: { kind: 'form', uid: before.uid },
      before,
    })
  })
}
