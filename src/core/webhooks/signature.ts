import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** Every webhook secret starts with this, so secret scanners and logs can recognise one. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'

/** Makes a new signing secret: the prefix and 256 random bits. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url')
}

/**
 * The `x-tessera-signature` value of a delivery: HMAC-SHA256, keyed with the webhook's
 * secret, of `<timestamp>.<raw body>`. Signing the timestamp too lets a receiver refuse a
 * captured delivery replayed later.
 *
 * @param timestamp the `x-tessera-timestamp` header: Unix time in seconds
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `sha256=${mac}`
}

/** What a receiver checks; see docs/WEBHOOKS.md. */
export interface VerifyInput {
  secret: string
  /** The raw request body, exactly as received. */
  body: string
  timestamp: string | undefined
  signature: string | undefined
  /** Unix seconds; default: now. */
  now?: number
  /** Oldest accepted delivery, in seconds; default 300. */
  toleranceSeconds?: number
}

/** Whether a delivery is authentic and fresh: the receiver's side of {@link signDelivery}. */
export function verifyDelivery(input: VerifyInput): boolean {
  const timestamp = Number(input.timestamp)
  if (!input.signature || !Number.isInteger(timestamp)) {
    return false
  }
  const now = input.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) {
    return false
  }
  const expected = Buffer.from(signDelivery(input.secret, timestamp, input.body))
  const given = Buffer.from(input.signature)
  // Constant time, so the comparison does not reveal how many leading characters match.
  return expected.length === given.length && timingSafeEqual(expected, given)
}
