import { formNotFound } from '../contract/errors'
import { type FormRecord, findForm, listForms as readForms } from '../store/forms'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** The organization's forms, by name. */
export function listForms(scope: OrgScope): Promise<FormRecord[]> {
  return readForms(scope.db.pool, scope.orgUid)
}

/** One form of the organization; 404 for any other uid. */
export async function getForm(scope: OrgScope, uid: string): Promise<FormRecord> {
  return foundOr(await findForm(scope.db.pool, scope.orgUid, uid), formNotFound)
}
