import { withTransaction } from '../store/database'
import { type ChannelRecord, findChannel, resumeChannel } from '../store/notification-channels'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { channelNotFound } from './notification-channel-errors'
import { recordAudit } from './record-audit'

/** Resumes a paused channel: its failure count starts over, its waiting messages are due. */
export async function resumeNotificationChannel(
  scope: OrgScope,
  uid: string,
): Promise<ChannelRecord> {
  return withTransaction(scope.db, async (client) => {
    const before = foundOr(await findChannel(client, scope.orgUid, uid), channelNotFound)
    const after = foundOr(await resumeChannel(client, scope.orgUid, uid), channelNotFound)
    await recordAudit(client, scope, {
      action: 'notification_channel.resumed',
      object: { kind: 'notification_channel', uid },
      before: { paused_at: before.paused_at },
      after: { paused_at: after.paused_at },
    })
    return after
  })
}
