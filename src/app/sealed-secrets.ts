import {
  type KeyRing,
  openSecret,
  resealSecret,
  SecretOpenError,
  sealSecret,
} from '../core/secrets'
import { type Database, withTransaction } from '../store/database'
import {
  countSealedWithOtherKeys,
  lockPlainWebhookSecrets,
  replaceSealedValues,
  SEALED_COLUMNS,
  type SealedColumn,
  sealedSamples,
  sealedWithOtherKeys,
  storeSealedWebhookSecrets,
} from '../store/sealed-secrets'

/** Rows sealed or re-sealed per transaction: short locks, and progress to show. */
const BATCH = 500

/** A key ring that cannot open what the database holds: the message says which key is missing. */
export class KeyRingMismatchError extends Error {
  constructor(
    readonly failure: SecretOpenError,
    where: string,
  ) {
    super(
      `The configured secret keys cannot open the sealed secrets in ${where}: ${failure.message}`,
    )
    this.name = 'KeyRingMismatchError'
  }
}

/**
 * Checks that the ring opens a value of every key id the database's sealed columns name: a
 * server started with the wrong key refuses to start rather than fail every delivery.
 */
export async function assertKeyRingOpensSecrets(db: Database, keys: KeyRing): Promise<void> {
  for (const { column, sealed } of await sealedSamples(db.pool)) {
    try {
      openSecret(keys, sealed)
    } catch (error) {
      if (error instanceof SecretOpenError) {
        throw new KeyRingMismatchError(error, `${column.table}.${column.column}`)
      }
      throw error
    }
  }
}

/** The key ids the database's sealed secrets name, none when it holds none. */
export async function sealedKeyIds(db: Database): Promise<string[]> {
  return [...new Set((await sealedSamples(db.pool)).map((sample) => sample.kid))].sort()
}

/**
 * Seals the plain secrets of webhooks made before migration 0014 and empties the plain column,
 * a batch per transaction; returns how many. Run by every server right after its migrations:
 * harmless when there are none, and servers starting together wait for each other's locks
 * instead of sealing one secret twice.
 */
export async function sealPlainSecrets(db: Database, keys: KeyRing): Promise<number> {
  let sealed = 0
  for (;;) {
    const done = await withTransaction(db, async (client) => {
      const plain = await lockPlainWebhookSecrets(client, BATCH)
      await storeSealedWebhookSecrets(
        client,
        plain.map(({ org_uid, uid, secret }) => ({
          org_uid,
          uid,
          sealed: sealSecret(keys, secret),
        })),
      )
      return plain.length
    })
    sealed += done
    if (done === 0) {
      return sealed
    }
  }
}

/** How `tessera keys rotate` reports its way through the sealed columns. */
export interface RotationProgress {
  startTable(name: string, rows: number): void
  advance(rows: number): void
  endTable(): void
}

/**
 * Seals every sealed secret not sealed with the ring's first key again with it, a batch per
 * transaction, and says how many per column. Safe to run again after an interruption, and
 * while servers run (they must already hold the new key: a value they cannot open fails
 * their deliveries). The ring must open every value first: nothing is changed otherwise.
 */
export async function rotateSealedSecrets(
  db: Database,
  keys: KeyRing,
  progress?: RotationProgress,
): Promise<{ column: SealedColumn; resealed: number }[]> {
  await assertKeyRingOpensSecrets(db, keys)
  const kid = keys.keys[0].kid
  const summary: { column: SealedColumn; resealed: number }[] = []
  for (const column of SEALED_COLUMNS) {
    progress?.startTable(
      `${column.table}.${column.column}`,
      await countSealedWithOtherKeys(db.pool, column, kid),
    )
    let resealed = 0
    for (;;) {
      const values = await sealedWithOtherKeys(db.pool, column, kid, BATCH)
      if (values.length === 0) {
        break
      }
      const replacements = values.map((from) => ({ from, to: resealSecret(keys, from) ?? from }))
      const replaced = await replaceSealedValues(db.pool, column, replacements)
      resealed += replaced
      progress?.advance(values.length)
    }
    progress?.endTable()
    summary.push({ column, resealed })
  }
  return summary
}
