import { existsSync } from 'node:fs'
import type { DatabaseSetting } from '../config/database-setting'
import type { TableProgress } from '../store/backup/write-backup'
import { detectEngine } from '../store/data-dir'
import { DataDirLockedError } from '../store/data-dir-lock'
import { type Database, openDatabase } from '../store/database'
import { CommandError } from './command-error'
import type { DatabaseOptions } from './database-options'
import { channelOperations } from './local-channel/client'
import { type CommandOperations, databaseOperations } from './local-channel/operations'
import { localChannelPath } from './local-channel/socket-path'
import { openMigratedDatabase } from './open-store'

/** How a command opens the database itself, when no server holds it. */
export interface CommandDatabaseOptions {
  /** Bring the schema up to date first (every command but backup, which changes nothing). */
  migrate?: boolean
  backupProgress?: TableProgress
}

/** The setting as the database opener's options: the flags, without the environment. */
export function databaseOptions(setting: DatabaseSetting): DatabaseOptions {
  return 'databaseUrl' in setting
    ? { databaseUrl: setting.databaseUrl }
    : { data: setting.dataDir, engine: setting.engine }
}

async function open(setting: DatabaseSetting, migrate: boolean): Promise<Database> {
  if (migrate) {
    return (await openMigratedDatabase(databaseOptions(setting))).db
  }
  // Opening a directory that holds no database would create an empty one there.
  if ('dataDir' in setting && detectEngine(setting.dataDir) === 'empty') {
    throw new CommandError(
      `There is no Tessera database in ${setting.dataDir}: check --data, or start the server there once first.`,
    )
  }
  return openDatabase(setting, { poolSize: 1 })
}

/**
 * Runs a command's work on the database: opened here when nobody holds it, or, when a
 * server holds its data directory (PGlite: one process per directory), asked of that server
 * over its local channel. Either way the same operations run, so a token is revoked, or a
 * backup written, without stopping the server.
 */
export async function withCommandOperations<T>(
  setting: DatabaseSetting,
  work: (ops: CommandOperations) => Promise<T>,
  { migrate = true, backupProgress }: CommandDatabaseOptions = {},
): Promise<T> {
  let db: Database
  try {
    db = await open(setting, migrate)
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) {
      throw error
    }
    const socket = localChannelPath(error.dataDir)
    if (!existsSync(socket)) {
      throw new CommandError(
        `The data directory ${error.dataDir} is in use by process ${error.pid}, which takes no commands yet (${socket} is missing: it is starting, or the path is too long for a socket): wait for it to start, or stop it, then run this command again.`,
      )
    }
    process.stderr.write(
      `tessera: the server (process ${error.pid}) holds ${error.dataDir}: asking it.\n`,
    )
    return work(channelOperations(socket))
  }
  try {
    return await work(databaseOperations(db, { backupProgress }))
  } finally {
    await db.close()
  }
}
