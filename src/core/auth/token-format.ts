import { hash, randomBytes } from 'node:crypto'

/** Every API token starts with this, so secret scanners and logs can recognise one. */
export const TOKEN_PREFIX = 'tsr_'

const TOKEN_SHAPE = /^tsr_[A-Za-z0-9_-]{43}$/

/** Makes a new raw token: the prefix and 256 random bits. Shown once, never stored. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

/** Whether `raw` could be a token at all; anything else is refused without a lookup. */
export function isTokenShaped(raw: string): boolean {
  return TOKEN_SHAPE.test(raw)
}

/**
 * The stored form of a token. A fast hash is enough: the token has 256 random bits, so
 * there is nothing to brute-force, and authentication stays one indexed lookup. Every request
 * hashes its token (the cache of principals is keyed by the hash): the one-shot `hash` costs
 * a quarter of a `createHash` object's update and digest.
 */
export function hashToken(raw: string): string {
  return hash('sha256', raw, 'hex')
}
