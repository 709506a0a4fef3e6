import { withTransaction } from '../store/database'
import { deleteChannel, findChannel } from '../store/notification-channels'
import type { OrgScope } from './actor'
import { channelNotFound } from './notification-channel-errors'
import { recordAudit } from './record-audit'

/** Deletes a channel; its messages still waiting are dropped. */
export async function deleteNotificationChannel(scope: OrgScope, uid: string): Promise<void> {
  await withTransaction(scope.db, async (client) => {
    const before = await findChannel(client, scope.orgUid, uid)
    if (!before || !(await deleteChannel(client, scope.orgUid, uid))) {
      throw channelNotFound()
    }
    await recordAudit(client, scope, {
      action: 'notification_channel.deleted',
      object: { kind: 'notification_channel', uid },
      before,
    })
  })
}
