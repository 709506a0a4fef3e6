import type { NotificationChannel, NotificationItem } from '../contract/notifications'
import type { ChannelRecord } from '../store/notification-channels'
import type { NotificationRecord } from '../store/notifications'
import { isoOrNull } from './iso'

/** A channel as the API shows it: its settings and health, never its secret. */
export function presentChannel(channel: ChannelRecord): NotificationChannel {
  const state = !channel.active
    ? 'inactive'
    : channel.paused_at
      ? 'paused'
      : channel.consecutive_failures > 0
        ? 'failing'
        : 'healthy'
  return {
    uid: channel.uid,
    kind: channel.kind,
    name: channel.name,
    active: channel.active,
    settings: channel.settings,
    secret_set: channel.has_secret,
    health: {
      state,
      consecutive_failures: channel.consecutive_failures,
      last_success_at: isoOrNull(channel.last_success_at),
      last_error: channel.last_error,
      last_error_at: isoOrNull(channel.last_error_at),
      paused_at: isoOrNull(channel.paused_at),
    },
    created_at: channel.created_at.toISOString(),
    updated_at: channel.updated_at.toISOString(),
  }
}

/** One bell item. */
export function presentNotification(item: NotificationRecord): NotificationItem {
  return {
    uid: item.uid,
    subject: item.subject,
    body: item.body,
    task_uid: item.task_uid,
    read_at: isoOrNull(item.read_at),
    created_at: item.created_at.toISOString(),
  }
}
