import type { ChannelTestResult } from '../contract/notifications'
import { openSecret, SecretOpenError } from '../core/secrets'
import { withTransaction } from '../store/database'
import { findChannelTarget } from '../store/notification-channels'
import { insertNotifications, usersOfOrg } from '../store/notifications'
import type { Actor } from './actor'
import { foundOr } from './found'
import type { KeyRingScope } from './key-ring-scope'
import { channelNotFound } from './notification-channel-errors'
import { type EmailSettings, sendEmail, sendSlack } from './notification-senders'
import { outboundFetch } from './outbound-fetch'

const TEST_MESSAGE = {
  subject: 'Tessera test notification',
  body: 'This is a test of a Tessera notification channel. It works.',
  task_uid: null,
}

/**
 * Sends a test message through a channel now (paused or inactive ones too) and says how it
 * went: Slack to its webhook, email to its recipients (or to the caller when it has none),
 * in-app as a bell item of the caller. Not retried, and the channel's health is unchanged.
 */
export async function testNotificationChannel(
  scope: Actor & KeyRingScope,
  uid: string,
  options: { allowPrivateAddresses: boolean; timeoutMs: number },
): Promise<ChannelTestResult> {
  const channel = foundOr(
    await findChannelTarget(scope.db.pool, scope.orgUid, uid),
    channelNotFound,
  )
  const started = Date.now()
  const result = (error: string | null): ChannelTestResult => ({
    delivered: error === null,
    error,
    duration_ms: Date.now() - started,
  })
  try {
    const secret =
      channel.secret_sealed === null ? null : openSecret(scope.keys, channel.secret_sealed)
    if (channel.kind === 'in_app') {
      await withTransaction(scope.db, (client) =>
        insertNotifications(client, scope.orgUid, [scope.actorUid], {
          subject: TEST_MESSAGE.subject,
          body: TEST_MESSAGE.body,
          taskUid: null,
        }),
      )
    } else if (channel.kind === 'slack') {
      await sendSlack(
        outboundFetch(options.allowPrivateAddresses),
        secret ?? '',
        TEST_MESSAGE,
        options.timeoutMs,
      )
    } else {
      const settings = channel.settings as unknown as EmailSettings
      const recipients =
        settings.recipients && settings.recipients.length > 0
          ? settings.recipients
          : (await usersOfOrg(scope.db.pool, scope.orgUid, [scope.actorUid])).map((u) => u.email)
      await sendEmail(settings, secret, recipients, TEST_MESSAGE, options.timeoutMs)
    }
    return result(null)
  } catch (error) {
    if (error instanceof SecretOpenError) {
      return result(`not sent: the channel's secret cannot be opened. ${error.message}`)
    }
    return result(error instanceof Error ? error.message : String(error))
  }
}
