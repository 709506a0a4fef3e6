import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { keyIds } from '../core/secrets'
import { readRequiredSecretKeySetting, readSecretKeySetting } from './secret-key-setting'
import { readServeConfig } from './serve-config'

const keyA = Buffer.alloc(32, 1).toString('base64')
const keyB = Buffer.alloc(32, 2).toString('base64')
const dir = mkdtempSync(join(tmpdir(), 'tessera-key-setting-'))
const dataDir = { dataDir: resolve('data') }
const url = { databaseUrl: 'postgres://h/db' }

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the secret key setting', () => {
  it('takes TESSERA_SECRET_KEY, the first of several keys sealing', () => {
    const setting = readSecretKeySetting({}, url, { TESSERA_SECRET_KEY: `new:${keyB},old:${keyA}` })
    expect(setting.kind === 'given' && keyIds(setting.ring)).toEqual(['new', 'old'])
    expect(setting).toMatchObject({ source: 'TESSERA_SECRET_KEY' })
  })

  it('takes a key file from --secret-key-file over TESSERA_SECRET_KEY_FILE and TESSERA_SECRET_KEY', () => {
    const file = join(dir, 'keys')
    writeFileSync(file, `# newest first\nb:${keyB}\na:${keyA}\n`)
    const env = { TESSERA_SECRET_KEY_FILE: join(dir, 'missing'), TESSERA_SECRET_KEY: keyA }
    const setting = readSecretKeySetting({ secretKeyFile: file }, url, env)
    expect(setting.kind === 'given' && keyIds(setting.ring)).toEqual(['b', 'a'])
    expect(setting).toMatchObject({ source: file })
    expect(readSecretKeySetting({}, url, { TESSERA_SECRET_KEY_FILE: file }).kind === 'given').toBe(
      true,
    )
  })

  it('falls back to the data directory’s own key file, and to none on a URL', () => {
    expect(readSecretKeySetting({}, dataDir, {})).toEqual({
      kind: 'data-dir',
      file: join(dataDir.dataDir, 'secret.key'),
    })
    expect(readSecretKeySetting({}, url, {})).toEqual({ kind: 'none' })
    expect(() => readRequiredSecretKeySetting({}, url, {})).toThrow(
      /^A server on --database-url needs a secret key .*`tessera keys generate`.*TESSERA_SECRET_KEY/,
    )
  })

  it('refuses a bad key, a missing file, and both variables, naming the setting and never the key', () => {
    const short = Buffer.alloc(16, 3).toString('base64')
    expect(() => readSecretKeySetting({}, url, { TESSERA_SECRET_KEY: short })).toThrow(
      /^TESSERA_SECRET_KEY: The key .* is 16 bytes long: give 32/,
    )
    const message = (() => {
      try {
        readSecretKeySetting({}, url, { TESSERA_SECRET_KEY: short })
        return ''
      } catch (error) {
        return String(error)
      }
    })()
    expect(message).toMatch(/16 bytes/)
    expect(message).not.toContain(short)
    expect(() => readSecretKeySetting({ secretKeyFile: join(dir, 'nope') }, url, {})).toThrow(
      /The secret key file .*nope cannot be read \(it does not exist\)/,
    )
    expect(() =>
      readSecretKeySetting({}, url, { TESSERA_SECRET_KEY: keyA, TESSERA_SECRET_KEY_FILE: 'f' }),
    ).toThrow(/^Give either TESSERA_SECRET_KEY or TESSERA_SECRET_KEY_FILE, not both/)
  })

  it('is part of the server configuration, checked before anything is opened', () => {
    const config = readServeConfig({}, { isTerminal: false, env: { TESSERA_SECRET_KEY: keyA } })
    expect(config.secretKey.kind === 'given' && config.secretKey.ring.keys[0].key).toEqual(
      Buffer.from(keyA, 'base64'),
    )
    expect(() =>
      readServeConfig({ databaseUrl: 'postgres://h/db' }, { isTerminal: false, env: {} }),
    ).toThrow(/needs a secret key/)
    expect(readServeConfig({}, { isTerminal: false, env: {} }).secretKey.kind).toBe('data-dir')
  })
})
