import { existsSync, statSync, writeFileSync } from 'node:fs'
import { sealedKeyIds } from '../app/sealed-secrets'
import { MAKE_A_KEY, readKeyFile, type SecretKeySetting } from '../config/secret-key-setting'
import { generateSecretKey, type KeyRing, keyIds, parseKeyRing } from '../core/secrets'
import type { Database } from '../store/database'
import { CommandError } from './command-error'

/** Where a command says what it did about keys: a server's log, or the terminal. */
export interface KeyLog {
  info(details: Record<string, unknown>, message: string): void
  warn(details: Record<string, unknown>, message: string): void
}

/** Says so when others than the file's owner may read a key file: they could open every secret. */
function warnIfShared(file: string, log: KeyLog): void {
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o077) !== 0) {
    log.warn(
      { file, mode: mode.toString(8) },
      `the secret key file ${file} may be read by others than its owner (mode ${mode.toString(8)}): chmod 600 it`,
    )
  }
}

/**
 * The key ring of a command that seals or opens secrets. Given keys are used as they are; a
 * data directory without one gets its own key file (0600) on first use and says so once,
 * unless its database already holds secrets sealed with a key that is then missing: making
 * a new one would only hide that.
 */
export async function loadKeyRing(
  setting: Exclude<SecretKeySetting, { kind: 'none' }>,
  db: Database,
  log: KeyLog,
): Promise<KeyRing> {
  if (setting.kind === 'given') {
    if (setting.source !== 'TESSERA_SECRET_KEY') {
      warnIfShared(setting.source, log)
    }
    return setting.ring
  }
  if (existsSync(setting.file)) {
    warnIfShared(setting.file, log)
    return readKeyFile(setting.file)
  }
  const kids = await sealedKeyIds(db)
  if (kids.length > 0) {
    throw new CommandError(
      `${db.description} holds secrets sealed with the key ${kids.join(', ')}, but no key is given and ${setting.file} is missing: give that key with TESSERA_SECRET_KEY or --secret-key-file, or put the file back.`,
    )
  }
  const key = generateSecretKey()
  try {
    writeFileSync(
      setting.file,
      `# Tessera's secret key: it seals the webhook secrets in this data directory's database.\n# Keep it with the data directory, and out of backups kept beside it. See docs/WEBHOOKS.md.\n${key}\n`,
      { mode: 0o600, flag: 'wx' },
    )
  } catch (error) {
    // Made meanwhile by a command run at the same time: that one is the key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return readKeyFile(setting.file)
    }
    throw error
  }
  const ring = parseKeyRing(key)
  log.info(
    { file: setting.file, kid: keyIds(ring)[0] },
    `no secret key was given: generated one in ${setting.file} (mode 0600) to seal webhook secrets; keep it with the data directory, or give your own (${MAKE_A_KEY})`,
  )
  return ring
}
