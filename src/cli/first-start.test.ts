import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstCredentialCommands } from './first-start'

describe('the commands a first start prints', () => {
  it('need no location flag for ./data', () => {
    expect(firstCredentialCommands({ dataDir: resolve('data') }).tokenCommand).toBe(
      "npx tessera tokens create --name 'my laptop' --role super_admin",
    )
  })

  it('name another data directory, relative to where the server started when inside it', () => {
    const commands = firstCredentialCommands({ dataDir: resolve('var', 'my data') })
    expect(commands.tokenCommand).toBe(
      `npx tessera tokens create --name 'my laptop' --role super_admin --data '${join('var', 'my data')}'`,
    )
    expect(commands.userCommand).toBe(
      `npx tessera users create --email you@example.com --password 'a long passphrase' --role super_admin --data '${join('var', 'my data')}'`,
    )
    expect(firstCredentialCommands({ dataDir: '/srv/tessera' }).tokenCommand).toMatch(
      / --data \/srv\/tessera$/,
    )
  })

  it('keep a database password out of the log', () => {
    const { tokenCommand } = firstCredentialCommands({
      databaseUrl: 'postgres://app:s3cret@db.example:5432/tessera',
    })
    expect(tokenCommand).toMatch(
      / --database-url postgres:\/\/app:PASSWORD@db\.example:5432\/tessera$/,
    )
    expect(tokenCommand).not.toContain('s3cret')
  })
})
