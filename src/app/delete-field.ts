import { AppError, fieldNotFound } from '../contract/errors'
import { withTransaction } from '../store/database'
import { findField, lockFieldsAndForms, deleteField as removeField } from '../store/fields'
import { formsUsingField } from '../store/forms'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/**
 * Deletes a definition; refused (409 `field_in_use`, naming them) while forms ask for it.
 * Tasks keep their values under the key, as free JSON again.
 */
export async function deleteField(scope: OrgScope, uid: string): Promise<void> {
  await withTransaction(scope.db, async (client) => {
    await lockFieldsAndForms(client, scope.orgUid)
    const field = foundOr(await findField(client, scope.orgUid, uid), fieldNotFound)
    const forms = await formsUsingField(client, scope.orgUid, field.key)
    if (forms.length > 0) {
      const names = forms.map((name) => `“${name}”`).join(', ')
      throw new AppError(
        'field_in_use',
        `The field ${field.key} is used by the form${forms.length > 1 ? 's' : ''} ${names}: take it out of ${forms.length > 1 ? 'them' : 'it'} first.`,
      )
    }
    await removeField(client, scope.orgUid, uid)
    await recordAudit(client, scope, {
      action: 'field.deleted',
      object: { kind: 'field', uid: field.uid },
      before: field,
    })
  })
}
