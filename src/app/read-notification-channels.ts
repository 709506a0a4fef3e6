import { type ChannelRecord, findChannel, listChannels } from '../store/notification-channels'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { channelNotFound } from './notification-channel-errors'

/** The organization's channels, oldest first. */
export async function readNotificationChannels(scope: OrgScope): Promise<ChannelRecord[]> {
  return listChannels(scope.db.pool, scope.orgUid)
}

/** One channel, or not_found. */
export async function readNotificationChannel(
  scope: OrgScope,
  uid: string,
): Promise<ChannelRecord> {
  return foundOr(await findChannel(scope.db.pool, scope.orgUid, uid), channelNotFound)
}
