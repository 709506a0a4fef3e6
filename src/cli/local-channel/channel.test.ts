import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { CommandError } from '../command-error'
import { channelOperations } from './client'
import type { CommandOperations, TokenView } from './operations'
import { type LocalChannel, startLocalChannel } from './server'

const UID = '0b5e8c1a-7d2f-4e1a-9c3b-5a6d7e8f9a0b'
const TOKEN: TokenView = {
  uid: UID,
  name: 'leaked',
  role: 'viewer',
  last4: 'abcd',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: '2026-01-02T00:00:00.000Z',
}

/** Operations that answer as a database would, or fail as told: the channel is under test. */
function operations(fail?: Error): CommandOperations {
  const answer = async <T>(value: T) => {
    if (fail) {
      throw fail
    }
    return value
  }
  return {
    issueToken: () => answer({} as never),
    listTokens: () => answer([TOKEN]),
    revokeToken: ({ uid }) => answer({ alreadyRevoked: uid === UID, token: TOKEN }),
    createUser: () => answer({} as never),
    backup: () => answer({} as never),
    migrate: () => answer({ applied: [], database: 'pglite /x' }),
  }
}

describe('the local channel', () => {
  let dir: string
  let channel: LocalChannel | undefined
  const logged: unknown[] = []
  const log = { error: (entry: unknown) => logged.push(entry) }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-channel-'))
    logged.length = 0
  })
  afterEach(async () => {
    await channel?.close()
    channel = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on a socket only its owner may open, replacing a stale one, and answers', async () => {
    writeFileSync(join(dir, 'tessera.sock'), 'left by a crash')
    channel = await startLocalChannel(operations(), dir, log)
    expect(statSync(channel.path).isSocket()).toBe(true)
    expect(statSync(channel.path).mode & 0o777).toBe(0o600)
    const ops = channelOperations(channel.path)
    expect(await ops.listTokens({ org: 'acme' })).toEqual([TOKEN])
    expect(await ops.revokeToken({ org: 'acme', uid: UID })).toEqual({
      alreadyRevoked: true,
      token: TOKEN,
    })
    await channel.close()
    expect(() => statSync(join(dir, 'tessera.sock'))).toThrow()
    channel = undefined
  })

  it('hands refusals back as the sentences the command prints', async () => {
    channel = await startLocalChannel(
      operations(
        new AppError('validation_failed', 'The password is too short.', [
          { path: '--password', message: 'must have at least 8 characters' },
        ]),
      ),
      dir,
      log,
    )
    await expect(channelOperations(channel.path).migrate()).rejects.toThrow(
      new CommandError('The password is too short: --password must have at least 8 characters.'),
    )
    // A request no command of ours would send is refused before any operation runs.
    await expect(
      channelOperations(channel.path).revokeToken({ org: 'acme', uid: 'nope' }),
    ).rejects.toThrow(/is not one this server reads/)
    expect(logged).toEqual([])
  })

  it('keeps a failure of its own in its log, and says only where to look', async () => {
    channel = await startLocalChannel(operations(new TypeError('boom')), dir, log)
    await expect(channelOperations(channel.path).listTokens({ org: 'acme' })).rejects.toThrow(
      'The server failed: its log says why.',
    )
    expect(logged).toHaveLength(1)
  })
})
