import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_WEBHOOK_SETTINGS } from '../core/webhooks/settings'
import { readDatabaseSetting } from './database-setting'
import { defaultDbPoolSize, readServeConfig, readWebhookSettings } from './serve-config'

const read = (
  flags: Record<string, string>,
  env: Record<string, string> = {},
  isTerminal = false,
) => readServeConfig(flags, { env, isTerminal })

describe('the server configuration', () => {
  it('has the documented defaults when nothing is set', () => {
    const config = read({})
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 3000 })
    expect(config.server.rateLimitPerMinute).toBe(600)
    expect(config.server.redisUrl).toBeUndefined()
    expect(config.log).toEqual({ level: 'info', format: 'json' })
    expect(config.webhooks).toEqual(DEFAULT_WEBHOOK_SETTINGS)
    expect(config.dbQueryTimeoutMs).toBe(30_000)
    expect(config.dbPoolSize).toBe(defaultDbPoolSize())
    expect(config.database).toEqual({ dataDir: resolve('data') })
    expect(config.metrics).toBeNull()
  })

  it('writes readable logs on a terminal unless JSON is asked for', () => {
    expect(read({}, {}, true).log.format).toBe('pretty')
    expect(read({ logFormat: 'json' }, {}, true).log.format).toBe('json')
    expect(read({}, { TESSERA_LOG_FORMAT: 'json' }, true).log.format).toBe('json')
  })

  it('takes a flag over its variable, and a variable over the default', () => {
    expect(read({}, { PORT: '8080' }).listen.port).toBe(8080)
    expect(read({ port: '9090' }, { PORT: '8080' }).listen.port).toBe(9090)
    expect(read({ rateLimit: '5' }, { TESSERA_RATE_LIMIT: '7' }).server.rateLimitPerMinute).toBe(5)
    expect(read({}, { TESSERA_RATE_LIMIT: '7' }).server.rateLimitPerMinute).toBe(7)
    expect(read({}, { REDIS_URL: 'redis://r:6379' }).server.redisUrl).toBe('redis://r:6379')
    expect(read({}, { TESSERA_DB_POOL_SIZE: '12' }).dbPoolSize).toBe(12)
    expect(read({}, { TESSERA_METRICS_PORT: '9464' }).metrics).toEqual({
      host: '127.0.0.1',
      port: 9464,
    })
  })

  it('names the setting and what to give for a bad value', () => {
    expect(() => read({ port: '70000' })).toThrow(
      '--port is set to "70000": give a whole number from 0 to 65535 (0 picks any free port).',
    )
    expect(() => read({}, { PORT: 'http' })).toThrow(/^PORT is set to "http": give a whole number/)
    expect(() => read({ rateLimit: '1.5' })).toThrow(/^--rate-limit is set to "1.5"/)
    expect(() => read({}, { LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL is set to "loud": give one of fatal, error, warn, info, debug, trace, silent.',
    )
    expect(() => read({ logFormat: 'xml' })).toThrow(/^--log-format .* one of pretty, json/)
    expect(() => read({}, { REDIS_URL: 'localhost' })).toThrow(/^REDIS_URL .* a Redis URL/)
    expect(() => read({}, { TESSERA_DB_QUERY_TIMEOUT_MS: '-1' })).toThrow(
      /TESSERA_DB_QUERY_TIMEOUT_MS/,
    )
    expect(() => read({}, { TESSERA_DB_POOL_SIZE: '0' })).toThrow(
      /^TESSERA_DB_POOL_SIZE is set to "0": give a whole number from 1 to 10000/,
    )
  })

  it('keeps about as many database connections as the CPUs can keep busy', () => {
    expect([1, 2, 4, 16].map((cpus) => defaultDbPoolSize(cpus))).toEqual([4, 6, 10, 34])
  })
})

describe('the single sign-on settings', () => {
  it('keep issuers on public addresses and take the redirect URI from requests by default', () => {
    expect(read({}).server).toMatchObject({ allowPrivateSsoIssuers: false, publicUrl: undefined })
    expect(
      read({}, { TESSERA_SSO_ALLOW_PRIVATE: '1', TESSERA_PUBLIC_URL: 'https://t.example.com/' })
        .server,
    ).toMatchObject({ allowPrivateSsoIssuers: true, publicUrl: 'https://t.example.com' })
  })

  it('refuse a public URL with a path, and anything but 0 or 1', () => {
    expect(() => read({}, { TESSERA_PUBLIC_URL: 'https://t.example.com/app' })).toThrow(
      /^TESSERA_PUBLIC_URL is set to .*: give the origin browsers reach Tessera at/,
    )
    expect(() => read({}, { TESSERA_SSO_ALLOW_PRIVATE: 'yes' })).toThrow(
      /TESSERA_SSO_ALLOW_PRIVATE/,
    )
  })
})

describe('the webhook settings', () => {
  it('read each variable, an empty one counting as unset', () => {
    expect(readWebhookSettings({ TESSERA_WEBHOOK_BACKOFF_MS: '' })).toEqual(
      DEFAULT_WEBHOOK_SETTINGS,
    )
    expect(
      readWebhookSettings({
        TESSERA_WEBHOOK_POLL_MS: '100',
        TESSERA_WEBHOOK_TIMEOUT_MS: '2000',
        TESSERA_WEBHOOK_CONCURRENCY: '3',
        TESSERA_WEBHOOK_BACKOFF_MS: '50',
        TESSERA_WEBHOOK_BACKOFF_MAX_MS: '60000',
        TESSERA_WEBHOOK_MAX_ATTEMPTS: '5',
        TESSERA_WEBHOOK_RETENTION_DAYS: '7',
        TESSERA_WEBHOOK_PAUSE_AFTER: '4',
        TESSERA_WEBHOOK_ALLOW_PRIVATE: '1',
      }),
    ).toEqual({
      pollMs: 100,
      timeoutMs: 2000,
      concurrency: 3,
      retry: { baseMs: 50, maxMs: 60_000, maxAttempts: 5 },
      pauseAfter: 4,
      retentionDays: 7,
      allowPrivateAddresses: true,
    })
  })

  it('refuse nonsense rather than guess', () => {
    expect(() => readWebhookSettings({ TESSERA_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /TESSERA_WEBHOOK_ALLOW_PRIVATE/,
    )
    for (const value of ['0', '-1', '1.5', 'soon']) {
      expect(() => readWebhookSettings({ TESSERA_WEBHOOK_MAX_ATTEMPTS: value })).toThrow(
        /^TESSERA_WEBHOOK_MAX_ATTEMPTS is set to .*: give a whole number of at least 1\.$/,
      )
    }
  })
})

describe('where the data lives', () => {
  it('is a flag, then the environment, then ./data', () => {
    expect(readDatabaseSetting({}, {})).toEqual({ dataDir: resolve('data') })
    expect(readDatabaseSetting({}, { TESSERA_DATA_DIR: 'x', TESSERA_ENGINE: 'pglite' })).toEqual({
      dataDir: resolve('x'),
      engine: 'pglite',
    })
    expect(readDatabaseSetting({}, { DATABASE_URL: 'postgres://h/db' })).toEqual({
      databaseUrl: 'postgres://h/db',
    })
    // A flag beats any variable, even one for the other kind of location.
    expect(readDatabaseSetting({ data: 'd' }, { DATABASE_URL: 'postgres://h/db' })).toEqual({
      dataDir: resolve('d'),
    })
    // An engine asked for means a data directory.
    const env = { DATABASE_URL: 'postgres://h/db', TESSERA_ENGINE: 'pglite' }
    expect(readDatabaseSetting({}, env)).toEqual({ dataDir: resolve('data'), engine: 'pglite' })
    expect(readDatabaseSetting({ databaseUrl: 'postgres://h/x' }, env)).toEqual({
      databaseUrl: 'postgres://h/x',
    })
  })

  it('refuses what it would have to guess', () => {
    expect(() => readDatabaseSetting({ data: 'd', databaseUrl: 'postgres://h/db' }, {})).toThrow(
      /^Give either --data \(and --engine\) or --database-url, not both/,
    )
    expect(() => readDatabaseSetting({ engine: 'sqlite' }, {})).toThrow(
      /^--engine is set to "sqlite": give one of postgres, pglite/,
    )
    expect(() => readDatabaseSetting({ databaseUrl: 'mysql://h/db' }, {})).toThrow(
      /^--database-url .* a PostgreSQL URL/,
    )
    expect(() =>
      readDatabaseSetting({ databaseUrl: 'postgres://h/db', engine: 'pglite' }, {}),
    ).toThrow(/either --data \(and --engine\) or --database-url/)
  })
})
