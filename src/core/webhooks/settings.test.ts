import { describe, expect, it } from 'vitest'
import { DEFAULT_WEBHOOK_SETTINGS, webhookSettingsFromEnv } from './settings'

describe('webhook settings', () => {
  it('default when the environment says nothing', () => {
    expect(webhookSettingsFromEnv({})).toEqual(DEFAULT_WEBHOOK_SETTINGS)
    expect(webhookSettingsFromEnv({ TESSERA_WEBHOOK_BACKOFF_MS: '' })).toEqual(
      DEFAULT_WEBHOOK_SETTINGS,
    )
  })

  it('read each variable', () => {
    const settings = webhookSettingsFromEnv({
      TESSERA_WEBHOOK_POLL_MS: '100',
      TESSERA_WEBHOOK_TIMEOUT_MS: '2000',
      TESSERA_WEBHOOK_CONCURRENCY: '3',
      TESSERA_WEBHOOK_BACKOFF_MS: '50',
      TESSERA_WEBHOOK_BACKOFF_MAX_MS: '60000',
      TESSERA_WEBHOOK_MAX_ATTEMPTS: '5',
      TESSERA_WEBHOOK_RETENTION_DAYS: '7',
    })
    expect(settings).toEqual({
      pollMs: 100,
      timeoutMs: 2000,
      concurrency: 3,
      retry: { baseMs: 50, maxMs: 60_000, maxAttempts: 5 },
      retentionDays: 7,
    })
  })

  it('refuse nonsense rather than guess', () => {
    for (const value of ['0', '-1', '1.5', 'soon']) {
      expect(() => webhookSettingsFromEnv({ TESSERA_WEBHOOK_MAX_ATTEMPTS: value })).toThrow(
        /TESSERA_WEBHOOK_MAX_ATTEMPTS/,
      )
    }
  })
})
