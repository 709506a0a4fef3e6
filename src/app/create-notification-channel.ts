import { AppError } from '../contract/errors'
import type { CreateChannelBody } from '../contract/notifications'
import { channelFieldErrors } from '../core/notifications/channel-rules'
import { sealSecret } from '../core/secrets'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { assertWebhookUrl } from '../core/webhooks/url'
import { withTransaction } from '../store/database'
import {
  type ChannelRecord,
  insertChannel,
  MAX_CHANNELS_PER_ORG,
} from '../store/notification-channels'
import type { SealingScope } from './key-ring-scope'
import { recordAudit } from './record-audit'

/**
 * Makes a notification channel. Its secret (Slack URL, SMTP password) is sealed and never
 * shown again; a Slack URL must be a public address unless private ones are allowed.
 */
export async function createNotificationChannel(
  scope: SealingScope,
  body: CreateChannelBody,
  allowPrivateAddresses: boolean,
): Promise<ChannelRecord> {
  const settings = body.settings ?? {}
  const errors = channelFieldErrors({
    kind: body.kind,
    settings,
    webhookUrlGiven: body.webhook_url !== undefined,
    passwordGiven: body.password !== undefined,
    secretStored: false,
  })
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The channel does not fit its kind.', errors)
  }
  if (body.webhook_url !== undefined) {
    assertWebhookUrl(body.webhook_url, '/body/webhook_url')
    assertPublicTarget(body.webhook_url, allowPrivateAddresses, '/body/webhook_url')
  }
  const secret = body.webhook_url ?? body.password
  return withTransaction(scope.db, async (client) => {
    const channel = await insertChannel(client, scope.orgUid, {
      kind: body.kind,
      name: body.name,
      settings,
      secretSealed: secret === undefined ? null : sealSecret(scope.keys, secret),
      active: body.active ?? true,
    })
    if (!channel) {
      throw new AppError(
        'limit_reached',
        `An organization may have ${MAX_CHANNELS_PER_ORG} notification channels; delete one first.`,
      )
    }
    await recordAudit(client, scope, {
      action: 'notification_channel.created',
      object: { kind: 'notification_channel', uid: channel.uid },
      after: { ...channel, secret: secret !== undefined },
    })
    return channel
  })
}
