import { AppError } from '../contract/errors'
import type { UpdateChannelBody } from '../contract/notifications'
import { channelFieldErrors } from '../core/notifications/channel-rules'
import { sealSecret } from '../core/secrets'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { assertWebhookUrl } from '../core/webhooks/url'
import { withTransaction } from '../store/database'
import { type ChannelRecord, findChannel, updateChannel } from '../store/notification-channels'
import { foundOr } from './found'
import type { SealingScope } from './key-ring-scope'
import { channelNotFound } from './notification-channel-errors'
import { recordAudit } from './record-audit'

/** Changes a channel; a secret given replaces the stored one, none keeps it. */
export async function updateNotificationChannel(
  scope: SealingScope,
  uid: string,
  body: UpdateChannelBody,
  allowPrivateAddresses: boolean,
): Promise<ChannelRecord> {
  if (body.webhook_url !== undefined) {
    assertWebhookUrl(body.webhook_url, '/body/webhook_url')
    assertPublicTarget(body.webhook_url, allowPrivateAddresses, '/body/webhook_url')
  }
  return withTransaction(scope.db, async (client) => {
    const before = foundOr(await findChannel(client, scope.orgUid, uid), channelNotFound)
    const errors = channelFieldErrors({
      kind: before.kind,
      settings: body.settings ?? before.settings,
      webhookUrlGiven: body.webhook_url !== undefined,
      passwordGiven: body.password !== undefined,
      secretStored: before.has_secret,
    })
    if (errors.length > 0) {
      throw new AppError('validation_failed', 'The channel does not fit its kind.', errors)
    }
    const secret = body.webhook_url ?? body.password
    const after = foundOr(
      await updateChannel(client, scope.orgUid, uid, {
        name: body.name,
        active: body.active,
        settings: body.settings,
        secretSealed: secret === undefined ? undefined : sealSecret(scope.keys, secret),
      }),
      channelNotFound,
    )
    await recordAudit(client, scope, {
      action: 'notification_channel.updated',
      object: { kind: 'notification_channel', uid },
      before,
      // The audit says a secret was replaced, never what it was.
      after: secret === undefined ? after : { ...after, secret_replaced: true },
    })
    return after
  })
}
