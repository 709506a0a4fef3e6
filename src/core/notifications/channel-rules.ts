import type { FieldError } from '../../contract/errors'
import type { ChannelKind, ChannelSettings } from '../../contract/notifications'

/** What a channel is, as the request leaves it (the stored values filled in for an update). */
export interface ChannelShape {
  kind: ChannelKind
  settings: ChannelSettings
  /** Whether a Slack URL or SMTP password is given now. */
  webhookUrlGiven: boolean
  passwordGiven: boolean
  /** Whether a secret is stored already (updates). */
  secretStored: boolean
}

const EMAIL_REQUIRED = ['host', 'port', 'tls', 'from'] as const

/**
 * Every field wrong for the channel's kind, as JSON pointers into the body: a Slack channel
 * needs a webhook URL and takes no settings; an email channel needs host, port, TLS mode and
 * sender, and takes no URL; an in-app channel takes neither.
 */
export function channelFieldErrors(shape: ChannelShape): FieldError[] {
  const errors: FieldError[] = []
  const settingKeys = Object.keys(shape.settings)
  if (shape.kind !== 'email') {
    for (const key of settingKeys) {
      errors.push({
        path: `/body/settings/${key}`,
        message: `A ${shape.kind} channel takes no ${key}.`,
      })
    }
    if (shape.passwordGiven) {
      errors.push({ path: '/body/password', message: `A ${shape.kind} channel takes no password.` })
    }
  }
  if (shape.kind !== 'slack' && shape.webhookUrlGiven) {
    errors.push({
      path: '/body/webhook_url',
      message: `A ${shape.kind} channel takes no webhook URL.`,
    })
  }
  if (shape.kind === 'slack' && !shape.webhookUrlGiven && !shape.secretStored) {
    errors.push({ path: '/body/webhook_url', message: 'A Slack channel needs its webhook URL.' })
  }
  if (shape.kind === 'email') {
    for (const key of EMAIL_REQUIRED) {
      if (shape.settings[key] === undefined) {
        errors.push({
          path: `/body/settings/${key}`,
          message: `An email channel needs settings.${key}.`,
        })
      }
    }
  }
  return errors
}
