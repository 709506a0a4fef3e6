import { withTransaction } from '../store/database'
import { deleteSsoSettings as deleteRow, lockSsoSettings } from '../store/sso'
import type { Actor } from './actor'
import { ssoNotConfigured } from './read-sso-settings'
import { recordAudit } from './record-audit'

/**
 * Turns single sign-on off (`DELETE /sso`): password sign-in works again for everyone.
 * Sessions opened through the provider stay open until they end.
 */
export async function deleteSsoSettings(actor: Actor): Promise<void> {
  await withTransaction(actor.db, async (client) => {
    const current = await lockSsoSettings(client, actor.orgUid)
    if (!current || !(await deleteRow(client, actor.orgUid))) {
      throw ssoNotConfigured()
    }
    const { client_secret_sealed: _, ...before } = current
    await recordAudit(client, actor, { action: 'sso.deleted', object: { kind: 'sso' }, before })
  })
}
