import { AppError } from '../contract/errors'
import { type CreateFormBody, type FormSection, MAX_FORMS_PER_ORG } from '../contract/forms'
import { formItemErrors } from '../core/fields/form-rules'
import type { Queryable } from '../store/database'
import { withTransaction } from '../store/database'
import { listDefinedFields, lockFieldsAndForms } from '../store/fields'
import { countForms, type FormRecord, formNameTaken, insertForm } from '../store/forms'
import type { OrgScope } from './actor'
import { recordAudit } from './record-audit'

/**
 * Refuses sections naming a key that no definition has, or a key twice (422 naming each
 * item). Runs under the organization's fields lock, so the definitions read stay true.
 */
export async function refuseUnknownItems(
  q: Queryable,
  orgUid: string,
  sections: FormSection[],
): Promise<void> {
  const keys = new Set((await listDefinedFields(q, orgUid)).map((field) => field.key))
  const errors = formItemErrors(sections, keys)
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      'A form names field definitions by key, once each.',
      errors,
    )
  }
}

/** Refuses a name another form of the organization has. */
export async function refuseTakenName(
  q: Queryable,
  orgUid: string,
  name: string,
  exceptUid: string | null,
): Promise<void> {
  if (await formNameTaken(q, orgUid, name, exceptUid)) {
    throw new AppError('name_taken', `A form named “${name}” already exists.`)
  }
}

/** Creates a form of existing field definitions; at most {@link MAX_FORMS_PER_ORG}. */
export async function createForm(scope: OrgScope, body: CreateFormBody): Promise<FormRecord> {
  return withTransaction(scope.db, async (client) => {
    await lockFieldsAndForms(client, scope.orgUid)
    await refuseUnknownItems(client, scope.orgUid, body.sections)
    if ((await countForms(client, scope.orgUid)) >= MAX_FORMS_PER_ORG) {
      throw new AppError(
        'limit_reached',
        `An organization may have ${MAX_FORMS_PER_ORG} forms; delete one first.`,
      )
    }
    await refuseTakenName(client, scope.orgUid, body.name, null)
    const form = await insertForm(client, scope.orgUid, {
      name: body.name,
      description: body.description ?? '',
      task_type: body.task_type ?? null,
      sections: body.sections,
    })
    if (!form) {
      throw new AppError('name_taken', `A form named “${body.name}” already exists.`)
    }
    await recordAudit(client, scope, {
      action: 'form.created',
      object: { kind: 'form', uid: form.uid },
      after: form,
    })
    return form
  })
}
