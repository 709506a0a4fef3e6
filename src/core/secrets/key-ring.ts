import { createHash, randomBytes } from 'node:crypto'

/** AES-256 wants 32 bytes of key. */
export const SECRET_KEY_BYTES = 32

const KID = /^[A-Za-z0-9_-]{1,64}$/
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/

/** One key of a {@link KeyRing}: its id, written into every value it seals, and its bytes. */
export interface SecretKey {
  readonly kid: string
  readonly key: Buffer
}

/**
 * The keys secrets at rest are sealed with. The first seals; every key opens what it sealed,
 * so an old key stays listed (after the new one) until `tessera keys rotate` has re-sealed
 * everything with the new one.
 */
export interface KeyRing {
  readonly keys: readonly [SecretKey, ...SecretKey[]]
}

/** A key ring that cannot be built: the message says what is wrong, never a key. */
export class KeyRingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyRingError'
  }
}

/**
 * The id of a key given without one: the start of its SHA-256, so the same key always gets
 * the same id on every server, and a value sealed with another key is told apart at once.
 * A hash of 256 random bits reveals nothing of them.
 */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12)
}

/** A ring of these keys, the first sealing; refuses short keys and ids used twice. */
export function keyRing(keys: readonly SecretKey[]): KeyRing {
  const [first, ...rest] = keys
  if (!first) {
    throw new KeyRingError('A key ring needs at least one key.')
  }
  const seen = new Set<string>()
  for (const { kid, key } of keys) {
    if (!KID.test(kid)) {
      throw new KeyRingError(
        `The key id ${JSON.stringify(kid)} is not 1 to 64 letters, digits, "-" or "_".`,
      )
    }
    if (key.length !== SECRET_KEY_BYTES) {
      throw new KeyRingError(
        `The key ${kid} is ${key.length} bytes long: give ${SECRET_KEY_BYTES} random bytes in base64 (tessera keys generate makes one).`,
      )
    }
    if (seen.has(kid)) {
      throw new KeyRingError(`The key id ${kid} is listed twice.`)
    }
    seen.add(kid)
  }
  return { keys: [first, ...rest] }
}

/**
 * Reads keys as written in TESSERA_SECRET_KEY or a key file: comma- or line-separated, `#`
 * comments to the end of a line, each `kid:base64` or bare base64 (its id is then its
 * {@link keyFingerprint}); the first seals. Base64 has no `:`, so the forms cannot be confused.
 */
export function parseKeyRing(text: string): KeyRing {
  const entries = text
    .split('\n')
    // A `#` starts a comment to the end of its line: base64 has none.
    .flatMap((line) => (line.split('#')[0] ?? '').split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  return keyRing(
    entries.map((entry, index) => {
      const colon = entry.indexOf(':')
      const kid = colon === -1 ? undefined : entry.slice(0, colon).trim()
      const encoded = colon === -1 ? entry : entry.slice(colon + 1).trim()
      if (!BASE64.test(encoded)) {
        throw new KeyRingError(
          `Key ${index + 1} is not base64: give 32 random bytes in base64 (tessera keys generate makes one).`,
        )
      }
      const key = Buffer.from(
        encoded,
        encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64',
      )
      return { kid: kid ?? keyFingerprint(key), key }
    }),
  )
}

/** A new key as TESSERA_SECRET_KEY takes it: 32 random bytes in base64. */
export function generateSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString('base64')
}

/** The ids of a ring's keys, sealing key first: safe to log and to show. */
export function keyIds(ring: KeyRing): string[] {
  return ring.keys.map((k) => k.kid)
}
