import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { KeyRing } from './key-ring'

/** The format's version: the first field of every sealed value. */
const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
const SEALED = /^v1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/

/** Why a sealed value could not be opened. */
export type OpenFailure = 'malformed' | 'unknown_key' | 'wrong_key'

/** A sealed value that cannot be opened with the ring given; the message says why, in clear. */
export class SecretOpenError extends Error {
  constructor(
    readonly reason: OpenFailure,
    /** The key id the value names, when it names one. */
    readonly kid: string | undefined,
    message: string,
  ) {
    super(message)
    this.name = 'SecretOpenError'
  }
}

/**
 * Seals a secret with the ring's first key: AES-256-GCM, a fresh 96-bit IV each time, and
 * `v1.<kid>` as additional data so neither the version nor the key id can be changed
 * unnoticed. The result, `v1.<kid>.<iv>.<tag>.<ciphertext>` in base64url, is plain ASCII
 * for a text column.
 */
export function sealSecret(ring: KeyRing, plaintext: string): string {
  const { kid, key } = ring.keys[0]
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(`${VERSION}.${kid}`))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, kid, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/** The key id a sealed value names, or undefined when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  return SEALED.exec(sealed)?.[1]
}

/** Whether a value looks sealed (it may still fail to open). */
export function isSealed(value: string): boolean {
  return SEALED.test(value)
}

/**
 * Opens what {@link sealSecret} sealed, with the key its id names. Throws a
 * {@link SecretOpenError}: `malformed` (not a sealed value), `unknown_key` (sealed with a key
 * the ring does not hold), `wrong_key` (the ring's key of that id did not seal it, or the
 * value was altered: GCM cannot tell the two apart).
 */
export function openSecret(ring: KeyRing, sealed: string): string {
  const match = SEALED.exec(sealed)
  if (!match) {
    throw new SecretOpenError('malformed', undefined, 'This is not a sealed secret (v1.<kid>.…).')
  }
  const [, kid = '', ivText = '', tagText = '', ciphertextText = ''] = match
  const entry = ring.keys.find((k) => k.kid === kid)
  if (!entry) {
    throw new SecretOpenError(
      'unknown_key',
      kid,
      `A secret is sealed with the key ${kid}, which is not among the configured keys (${ring.keys.map((k) => k.kid).join(', ')}): give that key too (after the new one, to rotate).`,
    )
  }
  const iv = Buffer.from(ivText, 'base64url')
  const tag = Buffer.from(tagText, 'base64url')
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretOpenError('malformed', kid, 'This sealed secret is cut or altered.')
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(`${VERSION}.${kid}`))
    decipher.setAuthTag(tag)
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ])
    return plaintext.toString('utf8')
  } catch {
    throw new SecretOpenError(
      'wrong_key',
      kid,
      `A secret sealed with the key ${kid} does not open with the configured key of that id: it is another key under the same id, or the value was altered.`,
    )
  }
}

/**
 * A sealed value sealed again with the ring's first key, or null when it already is: what
 * `tessera keys rotate` does to each value. Throws as {@link openSecret} does.
 */
export function resealSecret(ring: KeyRing, sealed: string): string | null {
  const plaintext = openSecret(ring, sealed)
  return sealedKeyId(sealed) === ring.keys[0].kid ? null : sealSecret(ring, plaintext)
}
