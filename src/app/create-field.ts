import { AppError } from '../contract/errors'
import { type CreateFieldBody, MAX_FIELDS_PER_ORG } from '../contract/fields'
import { definitionErrors } from '../core/fields/definition-rules'
import { withTransaction } from '../store/database'
import { countFields, type FieldRecord, insertField, lockFieldsAndForms } from '../store/fields'
import type { OrgScope } from './actor'
import { recordAudit } from './record-audit'

/**
 * Defines a custom field. Its key must be free, its options and currency must fit its type,
 * and an organization has at most {@link MAX_FIELDS_PER_ORG}.
 */
export async function createField(scope: OrgScope, body: CreateFieldBody): Promise<FieldRecord> {
  const shape = {
    key: body.key,
    type: body.type,
    options: body.options ?? null,
    currency: body.currency ?? null,
  }
  const errors = definitionErrors(shape)
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The field definition does not hold together.', errors)
  }
  return withTransaction(scope.db, async (client) => {
    await lockFieldsAndForms(client, scope.orgUid)
    const { count, next_position } = await countFields(client, scope.orgUid)
    if (count >= MAX_FIELDS_PER_ORG) {
      throw new AppError(
        'limit_reached',
        `An organization may define ${MAX_FIELDS_PER_ORG} fields; delete one first.`,
      )
    }
    const field = await insertField(client, scope.orgUid, body.key, {
      label: body.label,
      type: body.type,
      options: shape.options,
      currency: shape.currency,
      help_text: body.help_text ?? '',
      required_for_completion: body.required_for_completion ?? false,
      shown_in_backlog: body.shown_in_backlog ?? false,
      position: body.position ?? next_position,
    })
    if (!field) {
      throw new AppError('key_taken', `A field with the key ${body.key} already exists.`)
    }
    await recordAudit(client, scope, {
      action: 'field.created',
      object: { kind: 'field', uid: field.uid },
      after: field,
    })
    return field
  })
}
