import { relative, resolve } from 'node:path'
import type { DatabaseSetting } from '../config/database-setting'

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`
}

/** The flags that point a command at the server's database, as short as they can be. */
function locationArgs(database: DatabaseSetting): string[] {
  if ('databaseUrl' in database) {
    const url = new URL(database.databaseUrl)
    // The password stays out of the log: the reader puts it back.
    if (url.password) {
      url.password = 'PASSWORD'
    }
    return ['--database-url', url.toString()]
  }
  if (database.dataDir === resolve('data')) {
    return []
  }
  const fromHere = relative(process.cwd(), database.dataDir)
  return ['--data', fromHere.startsWith('..') || fromHere === '' ? database.dataDir : fromHere]
}

/**
 * The commands that create the first way in, for the database the server runs on: ready to
 * paste into a terminal in the server's working directory.
 */
export function firstCredentialCommands(database: DatabaseSetting): {
  tokenCommand: string
  userCommand: string
} {
  const where = locationArgs(database)
  const command = (args: string[]) =>
    ['npx', 'tessera', ...args, ...where].map(shellQuote).join(' ')
  return {
    tokenCommand: command(['tokens', 'create', '--name', 'my laptop', '--role', 'super_admin']),
    userCommand: command([
      'users',
      'create',
      '--email',
      'you@example.com',
      '--password',
      'a long passphrase',
      '--role',
      'super_admin',
    ]),
  }
}
