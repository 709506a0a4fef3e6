import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { readDatabaseSetting } from '../../config/database-setting'
import {
  readKeyFile,
  readSecretKeySetting,
  type SecretKeyFlags,
} from '../../config/secret-key-setting'
import { type KeyRing, openSecret, SecretOpenError, sealedKeyId } from '../../core/secrets'
import {
  restoreDatabase,
  type VerifiedBackup,
  verifyBackup,
} from '../../store/backup/restore-backup'
import { DataDirLockedError } from '../../store/data-dir-lock'
import { openDatabase } from '../../store/database'
import { CommandError } from '../command-error'
import type { DatabaseOptions } from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

/**
 * Refuses, before anything is written, a backup whose sealed secrets the keys given cannot
 * open: restored, they would be useless, and the servers would refuse to start on them.
 * The backup holds them sealed; nothing here writes them anywhere in clear.
 */
function assertKeysOpen(backup: VerifiedBackup, keys: KeyRing | null): void {
  const kids = [...new Set(backup.sealedSamples.map((s) => sealedKeyId(s.sealed) ?? '?'))]
  if (!keys) {
    if (backup.sealedSamples.length === 0) {
      return
    }
    throw new CommandError(
      `The backup holds secrets sealed with the key ${kids.join(', ')}, and no key is given: give the key they were sealed with as TESSERA_SECRET_KEY or with --secret-key-file (a data directory's own key is its secret.key file). Nothing was changed.`,
    )
  }
  for (const { table, column, sealed } of backup.sealedSamples) {
    try {
      openSecret(keys, sealed)
    } catch (error) {
      if (error instanceof SecretOpenError) {
        throw new CommandError(
          `The keys given cannot open the backup's sealed secrets (${table}.${column}): ${error.message} Nothing was changed.`,
        )
      }
      throw error
    }
  }
}

/** `tessera restore --in FILE`: only into a database no server has started on. */
export async function restore(
  options: DatabaseOptions & SecretKeyFlags & { in: string },
): Promise<void> {
  const startedAt = performance.now()
  const setting = readDatabaseSetting(options)
  const keySetting = readSecretKeySetting(options, setting)
  // Checked before the database is even opened: opening a new data directory creates it.
  const backup = await verifyBackup(resolve(options.in))
  assertKeysOpen(
    backup,
    keySetting.kind === 'given'
      ? keySetting.ring
      : keySetting.kind === 'data-dir' && existsSync(keySetting.file)
        ? readKeyFile(keySetting.file)
        : null,
  )
  const db = await openDatabase(setting, { poolSize: 1 }).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CommandError(
        `A server (process ${error.pid}) runs on ${error.dataDir}, and a restore only fills a new, empty database: restore into a new --data directory, then start the server there.`,
      )
    }
    throw error
  })
  try {
    const summary = await restoreDatabase(db, backup, startTableProgress('restore'))
    const forward =
      summary.migratedForward.length > 0
        ? `, then migrated forward (${summary.migratedForward.join(', ')})`
        : ''
    const keys =
      backup.sealedSamples.length === 0
        ? ''
        : ` Start its servers with the keys given here: its secrets are sealed with ${[...new Set(backup.sealedSamples.map((s) => sealedKeyId(s.sealed)))].join(', ')}.`
    console.log(
      `Restored ${summary.rows.toLocaleString('en-US')} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) into ${db.description}${forward} in ${elapsedSeconds(startedAt)}.${keys}`,
    )
  } finally {
    await db.close()
  }
}
