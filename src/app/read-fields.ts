import { fieldNotFound } from '../contract/errors'
import { type FieldRecord, findField, listFields as readFields } from '../store/fields'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** The organization's field definitions, in position order. */
export function listFields(scope: OrgScope): Promise<FieldRecord[]> {
  return readFields(scope.db.pool, scope.orgUid)
}

/** One definition of the organization; 404 for any other uid. */
export async function getField(scope: OrgScope, uid: string): Promise<FieldRecord> {
  return foundOr(await findField(scope.db.pool, scope.orgUid, uid), fieldNotFound)
}
