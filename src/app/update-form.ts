import { formNotFound } from '../contract/errors'
import type { UpdateFormBody } from '../contract/forms'
import { withTransaction } from '../store/database'
import { lockFieldsAndForms } from '../store/fields'
import { type FormRecord, findForm, updateForm as writeForm } from '../store/forms'
import type { OrgScope } from './actor'
import { refuseTakenName, refuseUnknownItems } from './create-form'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/** Changes a form; new sections are checked as a new form's are. */
export async function updateForm(
  scope: OrgScope,
  uid: string,
  body: UpdateFormBody,
): Promise<FormRecord> {
  return withTransaction(scope.db, async (client) => {
    await lockFieldsAndForms(client, scope.orgUid)
    const current = foundOr(await findForm(client, scope.orgUid, uid), formNotFound)
    if (body.sections) {
      await refuseUnknownItems(client, scope.orgUid, body.sections)
    }
    if (body.name !== undefined && body.name !== current.name) {
      await refuseTakenName(client, scope.orgUid, body.name, uid)
    }
    const form = foundOr(
      await writeForm(client, scope.orgUid, uid, { ...current, ...body }),
      formNotFound,
    )
    await recordAudit(client, scope, {
      action: 'form.updated',
      object: { kind: 'form', uid: form.uid },
      before: current,
      after: form,
    })
    return form
  })
}
