import { AppError } from '../contract/errors'
import type { MarkReadBody } from '../contract/notifications'
import { withTransaction } from '../store/database'
import { listNotifications, markNotificationsRead } from '../store/notifications'
import type { Actor } from './actor'

/** Marks some of the caller's items read, or all; other users' items are never touched. */
export async function markRead(
  actor: Actor,
  body: MarkReadBody,
): Promise<{ marked: number; unread_count: number }> {
  if ((body.all === true) === (body.uids !== undefined)) {
    throw new AppError('validation_failed', 'Give either uids or all: true.', [
      { path: '/body', message: 'Give either uids or all: true, not both nor neither.' },
    ])
  }
  return withTransaction(actor.db, async (client) => {
    const marked = await markNotificationsRead(
      client,
      actor.orgUid,
      actor.actorUid,
      body.all ? null : (body.uids ?? []),
    )
    const { unread } = await listNotifications(client, actor.orgUid, actor.actorUid, {
      limit: 0,
      beforeId: null,
      unreadOnly: true,
    })
    return { marked, unread_count: unread }
  })
}
