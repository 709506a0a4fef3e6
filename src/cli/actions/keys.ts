import { rotateSealedSecrets, sealedKeyIds, sealPlainSecrets } from '../../app/sealed-secrets'
import { readDatabaseSetting } from '../../config/database-setting'
import { readRequiredSecretKeySetting, type SecretKeyFlags } from '../../config/secret-key-setting'
import { generateSecretKey, keyIds } from '../../core/secrets'
import { DataDirLockedError } from '../../store/data-dir-lock'
import { databaseOptions } from '../command-database'
import { CommandError } from '../command-error'
import type { DatabaseOptions } from '../database-options'
import { loadKeyRing } from '../key-ring'
import { openMigratedDatabase } from '../open-store'
import { elapsedSeconds, startTableProgress } from '../table-progress'

/** `tessera keys generate`: a new key, alone on stdout, for a variable or a key file. */
export function generate(): void {
  console.log(generateSecretKey())
}

/** `tessera keys rotate`: every sealed secret sealed again with the ring's first key. */
export async function rotate(flags: DatabaseOptions & SecretKeyFlags): Promise<void> {
  const startedAt = performance.now()
  const setting = readDatabaseSetting(flags)
  const keySetting = readRequiredSecretKeySetting(flags, setting)
  const { db } = await openMigratedDatabase(databaseOptions(setting)).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CommandError(
        `The server (process ${error.pid}) holds ${error.dataDir}, and it reads its keys only when it starts: stop it, run tessera keys rotate, then start it again with the same keys.`,
      )
    }
    throw error
  })
  try {
    const say = (_details: Record<string, unknown>, message: string) =>
      process.stderr.write(`tessera: ${message}\n`)
    const keys = await loadKeyRing(keySetting, db, { info: say, warn: say })
    // Secrets made before sealing existed, should no server have started since the upgrade.
    const sealed = await sealPlainSecrets(db, keys)
    const summary = await rotateSealedSecrets(db, keys, startTableProgress('rotate'))
    const resealed = summary.reduce((sum, { resealed }) => sum + resealed, 0)
    const [kid] = keyIds(keys)
    const left = (await sealedKeyIds(db)).filter((id) => id !== kid)
    console.log(
      `Sealed ${resealed.toLocaleString('en-US')} secrets again with the key ${kid}${sealed > 0 ? ` (and ${sealed} plain ones for the first time)` : ''} in ${db.description} in ${elapsedSeconds(startedAt)}. ${
        left.length === 0
          ? `Every secret is sealed with ${kid}: the other keys (${keyIds(keys).slice(1).join(', ') || 'none'}) may be dropped once every server runs with ${kid} first.`
          : `Secrets sealed with ${left.join(', ')} were written meanwhile by a server that seals with another key first: give every server ${kid} first, then run this again.`
      }`,
    )
  } finally {
    await db.close()
  }
}
