import { AppError, fieldNotFound } from '../contract/errors'
import type { UpdateFieldBody } from '../contract/fields'
import { definitionErrors } from '../core/fields/definition-rules'
import { withTransaction } from '../store/database'
import {
  type FieldRecord,
  findField,
  lockFieldsAndForms,
  updateField as writeField,
} from '../store/fields'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/**
 * Changes a definition's attributes (not its key). The result must hold together as a new
 * one would: a change of type that leaves options or a currency behind is refused until they
 * are sent as null with it. Tasks keep their values; those that no longer fit are flagged.
 */
export async function updateField(
  scope: OrgScope,
  uid: string,
  body: UpdateFieldBody,
): Promise<FieldRecord> {
  return withTransaction(scope.db, async (client) => {
    await lockFieldsAndForms(client, scope.orgUid)
    const current = foundOr(await findField(client, scope.orgUid, uid), fieldNotFound)
    const next = { ...current, ...body }
    const errors = definitionErrors(next, body.type !== undefined && body.type !== current.type)
    if (errors.length > 0) {
      throw new AppError(
        'validation_failed',
        'The field definition does not hold together.',
        errors,
      )
    }
    const field = foundOr(await writeField(client, scope.orgUid, uid, next), fieldNotFound)
    await recordAudit(client, scope, {
      action: 'field.updated',
      object: { kind: 'field', uid: field.uid },
      before: current,
      after: field,
    })
    return field
  })
}
