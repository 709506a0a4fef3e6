import type { ListNotificationsQuery } from '../contract/notifications'
import { listNotifications, type NotificationRecord } from '../store/notifications'
import type { Actor } from './actor'

/** The caller's bell: items newest first, a page at a time, and the unread count. */
export async function readNotifications(
  actor: Actor,
  query: ListNotificationsQuery,
): Promise<{ items: NotificationRecord[]; unread: number; nextCursor: string | null }> {
  const limit = query.limit ?? 20
  const { items, unread } = await listNotifications(actor.db.pool, actor.orgUid, actor.actorUid, {
    limit: limit + 1,
    beforeId: query.cursor === undefined ? null : Number(query.cursor),
    unreadOnly: query.unread ?? false,
  })
  const page = items.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page,
    unread,
    nextCursor: items.length > limit && last ? String(last.id) : null,
  }
}
