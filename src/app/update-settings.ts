import {
  DEFAULT_ORG_SETTINGS,
  type OrgSettings,
  type UpdateOrgSettingsBody,
} from '../contract/settings'
import { pruneAuditEvents } from '../store/audit-events'
import { withTransaction } from '../store/database'
import { loadOrgRules, updateOrgSettings } from '../store/organizations'
import type { OrgScope, RequestMeta } from './actor'
import { recordAudit } from './record-audit'

/**
 * Changes the given settings; the others keep their values. A shorter audit retention erases
 * the entries it no longer keeps at once, before the change itself is recorded.
 */
export function updateSettings(
  scope: OrgScope & RequestMeta & { actorUid?: string },
  body: UpdateOrgSettingsBody,
): Promise<OrgSettings> {
  return withTransaction(scope.db, async (client) => {
    const before = (await loadOrgRules(client, scope.orgUid)).settings
    const after = await updateOrgSettings(client, scope.orgUid, body)
    if (after.audit_retention_days < before.audit_retention_days) {
      await pruneAuditEvents(client, DEFAULT_ORG_SETTINGS.audit_retention_days, scope.orgUid)
    }
    await recordAudit(client, scope, {
      action: 'settings.updated',
      object: { kind: 'settings' },
      before,
      after,
    })
    return after
  })
}
