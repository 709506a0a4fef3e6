import { AppError } from '../contract/errors'
import type { Queryable } from '../store/database'
import { findChannel } from '../store/notification-channels'
import { insertNotifications, insertOutboxMessage, usersOfOrg } from '../store/notifications'

/** What to notify, and whom. */
export interface NotificationRequest {
  /**
   * The channel to send through. Slack: its webhook; email: to the named users' addresses
   * when `user_uids` is given, else to the channel's recipients; in-app: a bell item for each
   * named user, else for every user of the organization. Absent: in-app items for
   * `user_uids` only.
   */
  channel_uid?: string
  /** Users of the organization to notify (others are ignored). */
  user_uids?: string[]
  subject: string
  body: string
  /** The task it is about: the bell item and the message link to it. */
  task_uid?: string
}

/** What was queued. */
export interface QueuedNotification {
  /** The outbox message (Slack, email), or null when none was needed. */
  outbox_uid: string | null
  /** The bell items written, one per user. */
  item_uids: string[]
}

/**
 * Queues a notification inside the caller's transaction (`q`): an outbox row that a
 * dispatcher of any server process delivers once committed (Slack, email), and bell items
 * for the users named. Nothing is sent if the caller's transaction rolls back. Answers
 * not_found (404) for a channel that is not the organization's. An inactive channel queues
 * nothing for itself.
 *
 * @example
 *   await queueNotification(client, orgUid, { channel_uid, subject: 'SLA breached',
 *     body: 'Task ABC-12 passed its resolution target', task_uid })
 */
export async function queueNotification(
  q: Queryable,
  orgUid: string,
  request: NotificationRequest,
): Promise<QueuedNotification> {
  const taskUid = request.task_uid ?? null
  const item = { subject: request.subject, body: request.body, taskUid }
  const named = request.user_uids ? await usersOfOrg(q, orgUid, request.user_uids) : null
  if (!request.channel_uid) {
    const itemUids = await insertNotifications(
      q,
      orgUid,
      (named ?? []).map((u) => u.uid),
      item,
    )
    return { outbox_uid: null, item_uids: itemUids }
  }
  const channel = await findChannel(q, orgUid, request.channel_uid)
  if (!channel) {
    throw new AppError('not_found', 'No notification channel with this uid in your organization.')
  }
  if (!channel.active) {
    return { outbox_uid: null, item_uids: [] }
  }
  if (channel.kind === 'in_app') {
    const users = named ?? (await usersOfOrg(q, orgUid, null))
    const itemUids = await insertNotifications(
      q,
      orgUid,
      users.map((u) => u.uid),
      item,
    )
    return { outbox_uid: null, item_uids: itemUids }
  }
  const recipients =
    channel.kind === 'email'
      ? named
        ? named.map((u) => u.email)
        : ((channel.settings.recipients as string[] | undefined) ?? [])
      : []
  if (channel.kind === 'email' && recipients.length === 0) {
    return { outbox_uid: null, item_uids: [] }
  }
  const outboxUid = await insertOutboxMessage(q, orgUid, {
    channelUid: channel.uid,
    subject: request.subject,
    body: request.body,
    taskUid,
    recipients,
  })
  return { outbox_uid: outboxUid, item_uids: [] }
}
