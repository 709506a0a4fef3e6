import type { OrgSettings, UpdateOrgSettingsBody } from '../contract/settings'
import { updateOrgSettings } from '../store/organizations'
import type { OrgScope } from './actor'

/** Changes the given player settings; the others keep their values. */
export function updateSettings(scope: OrgScope, body: UpdateOrgSettingsBody): Promise<OrgSettings> {
  return updateOrgSettings(scope.db.pool, scope.orgUid, body)
}
