import type { SendNotificationBody } from '../contract/notifications'
import { withTransaction } from '../store/database'
import type { Actor } from './actor'
import { type QueuedNotification, queueNotification } from './queue-notification'

/**
 * Queues a notification an admin writes by hand (an announcement, or a check of the
 * channels end to end): the same path automations take, in a transaction of its own.
 */
export async function sendNotification(
  actor: Actor,
  body: SendNotificationBody,
): Promise<QueuedNotification> {
  return withTransaction(actor.db, (client) => queueNotification(client, actor.orgUid, body))
}
