import { describe, expect, it } from 'vitest'
import { channelFieldErrors } from './channel-rules'

const base = { webhookUrlGiven: false, passwordGiven: false, secretStored: false }

describe('channelFieldErrors', () => {
  it('asks a Slack channel for its URL unless one is stored, and refuses settings', () => {
    expect(channelFieldErrors({ ...base, kind: 'slack', settings: {} })).toEqual([
      { path: '/body/webhook_url', message: 'A Slack channel needs its webhook URL.' },
    ])
    expect(
      channelFieldErrors({ ...base, kind: 'slack', settings: {}, secretStored: true }),
    ).toEqual([])
    expect(
      channelFieldErrors({
        ...base,
        kind: 'slack',
        settings: { host: 'x' },
        webhookUrlGiven: true,
        passwordGiven: true,
      }).map((e) => e.path),
    ).toEqual(['/body/settings/host', '/body/password'])
  })

  it('names each missing SMTP setting of an email channel, and refuses a URL', () => {
    expect(
      channelFieldErrors({
        ...base,
        kind: 'email',
        settings: { host: 'smtp.example.com' },
        webhookUrlGiven: true,
      }).map((e) => e.path),
    ).toEqual([
      '/body/webhook_url',
      '/body/settings/port',
      '/body/settings/tls',
      '/body/settings/from',
    ])
    expect(
      channelFieldErrors({
        ...base,
        kind: 'email',
        settings: { host: 'h', port: 25, tls: 'none', from: 'a@example.com' },
      }),
    ).toEqual([])
  })

  it('takes nothing for an in-app channel', () => {
    expect(channelFieldErrors({ ...base, kind: 'in_app', settings: {} })).toEqual([])
  })
})
