import { describe, expect, it } from 'vitest'
import {
  generateSecretKey,
  type KeyRing,
  KeyRingError,
  keyFingerprint,
  keyIds,
  keyRing,
  parseKeyRing,
} from './key-ring'
import {
  isSealed,
  openSecret,
  resealSecret,
  SecretOpenError,
  sealedKeyId,
  sealSecret,
} from './seal'

const keyA = Buffer.alloc(32, 1)
const keyB = Buffer.alloc(32, 2)
const ringA = keyRing([{ kid: 'a', key: keyA }])
const ringB = keyRing([{ kid: 'b', key: keyB }])

/** The failure openSecret throws, or undefined when it opens. */
function failure(ring: KeyRing, sealed: string): SecretOpenError | undefined {
  try {
    openSecret(ring, sealed)
    return undefined
  } catch (error) {
    if (error instanceof SecretOpenError) {
      return error
    }
    throw error
  }
}

/** The sealed value with one of its dot-separated parts changed. */
function withPart(sealed: string, index: number, change: (part: string) => string): string {
  const parts = sealed.split('.')
  parts[index] = change(parts[index] ?? '')
  return parts.join('.')
}

/** A base64url text with its first byte's bits flipped. */
function flipFirstByte(text: string): string {
  const bytes = Buffer.from(text, 'base64url')
  bytes[0] = (bytes[0] ?? 0) ^ 0xff
  return bytes.toString('base64url')
}

describe('sealed secrets', () => {
  it('open to what was sealed, unicode and empty text included', () => {
    for (const plaintext of ['whsec_abc', '', 'é😀 client secret', 'x'.repeat(10_000)]) {
      const sealed = sealSecret(ringA, plaintext)
      expect(openSecret(ringA, sealed)).toBe(plaintext)
    }
  })

  it('are v1.<kid>.<iv>.<tag>.<ciphertext> in base64url, and never the same twice', () => {
    const sealed = sealSecret(ringA, 'whsec_abc')
    expect(sealed).toMatch(/^v1\.a\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/)
    expect(sealed).not.toContain('whsec')
    expect(sealSecret(ringA, 'whsec_abc')).not.toBe(sealed)
    expect(isSealed(sealed)).toBe(true)
    expect(isSealed('whsec_abc')).toBe(false)
    expect(sealedKeyId(sealed)).toBe('a')
  })

  it('refuse an altered ciphertext, tag or IV', () => {
    const sealed = sealSecret(ringA, 'whsec_abc')
    for (const index of [2, 3, 4]) {
      expect(failure(ringA, withPart(sealed, index, flipFirstByte))?.reason).toBe('wrong_key')
    }
    expect(
      failure(
        ringA,
        withPart(sealed, 3, (tag) => tag.slice(0, 10)),
      )?.reason,
    ).toBe('malformed')
  })

  it('refuse a key id changed to another key of the ring', () => {
    const ring = keyRing([
      { kid: 'a', key: keyA },
      { kid: 'b', key: keyA },
    ])
    // Even under the same key bytes: the key id is authenticated with the ciphertext.
    const sealed = sealSecret(ring, 'whsec_abc')
    expect(
      failure(
        ring,
        withPart(sealed, 1, () => 'b'),
      )?.reason,
    ).toBe('wrong_key')
  })

  it('refuse a wrong key under the same id, saying so', () => {
    const sealed = sealSecret(ringA, 'whsec_abc')
    const error = failure(keyRing([{ kid: 'a', key: keyB }]), sealed)
    expect(error?.reason).toBe('wrong_key')
    expect(error?.kid).toBe('a')
    expect(error?.message).toMatch(/key a does not open/)
  })

  it('refuse a value sealed with a key the ring does not hold, naming both', () => {
    const error = failure(ringB, sealSecret(ringA, 'whsec_abc'))
    expect(error?.reason).toBe('unknown_key')
    expect(error?.message).toMatch(/key a, which is not among the configured keys \(b\)/)
  })

  it('refuse what is not a sealed value, without echoing it', () => {
    for (const value of ['whsec_abc', '', 'v2.a.x.y.z', 'v1.a.b.c', 'v1.a!.AAAA.AAAA.AAAA']) {
      const error = failure(ringA, value)
      expect(error?.reason).toBe('malformed')
      expect(error?.message).not.toContain('whsec')
    }
  })

  it('are sealed with the first key and opened with any key of the ring', () => {
    const rotating = keyRing([
      { kid: 'b', key: keyB },
      { kid: 'a', key: keyA },
    ])
    const old = sealSecret(ringA, 'whsec_old')
    expect(openSecret(rotating, old)).toBe('whsec_old')
    expect(sealedKeyId(sealSecret(rotating, 'whsec_new'))).toBe('b')
  })

  it('are resealed with the first key, and left alone when they already are', () => {
    const rotating = keyRing([
      { kid: 'b', key: keyB },
      { kid: 'a', key: keyA },
    ])
    const resealed = resealSecret(rotating, sealSecret(ringA, 'whsec_old'))
    expect(resealed && sealedKeyId(resealed)).toBe('b')
    expect(resealed && openSecret(ringB, resealed)).toBe('whsec_old')
    expect(resealSecret(rotating, sealSecret(ringB, 'whsec_new'))).toBeNull()
    expect(() => resealSecret(ringB, sealSecret(ringA, 'x'))).toThrow(SecretOpenError)
  })
})

describe('key rings', () => {
  it('read bare base64 keys, their id being their fingerprint', () => {
    const key = generateSecretKey()
    const ring = parseKeyRing(key)
    expect(keyIds(ring)).toEqual([keyFingerprint(Buffer.from(key, 'base64'))])
    expect(ring.keys[0].key).toEqual(Buffer.from(key, 'base64'))
    expect(keyFingerprint(Buffer.from(key, 'base64'))).toMatch(/^[\w-]{12}$/)
  })

  it('read kid:key lists, comma or line separated, the first sealing', () => {
    const a = keyA.toString('base64')
    const b = keyB.toString('base64url')
    const ring = parseKeyRing(
      `# keys, newest first\n2026:${b}, 2025:${a} # this year, last year\n${a.replace(/=+$/, '')}`,
    )
    expect(keyIds(ring)).toEqual(['2026', '2025', keyFingerprint(keyA)])
    expect(ring.keys[0].key).toEqual(keyB)
  })

  it('refuse short keys, bad ids, ids given twice and an empty list, never echoing a key', () => {
    const short = Buffer.alloc(16, 3).toString('base64')
    expect(() => parseKeyRing(short)).toThrow(/16 bytes long: give 32/)
    expect(() => parseKeyRing(`bad id:${keyA.toString('base64')}`)).toThrow(/key id "bad id"/)
    const a = keyA.toString('base64')
    expect(() => parseKeyRing(`x:${a},x:${a}`)).toThrow(/listed twice/)
    expect(() => parseKeyRing(' , ')).toThrow(KeyRingError)
    expect(() => parseKeyRing('not*base64')).toThrow(/Key 1 is not base64/)
    try {
      parseKeyRing(short)
    } catch (error) {
      expect(String(error)).not.toContain(short)
    }
  })
})
