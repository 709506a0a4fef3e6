import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signDelivery, verifyDelivery } from './signature'

const secret = 'whsec_test'
const body = '{"type":"task.created"}'

describe('webhook signatures', () => {
  it('are the hex HMAC-SHA256 of "<timestamp>.<body>", as documented', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex')
    expect(signDelivery(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`)
  })

  it('verify on the receiver side', () => {
    const signature = signDelivery(secret, 1_700_000_000, body)
    const input = { secret, body, timestamp: '1700000000', signature, now: 1_700_000_060 }
    expect(verifyDelivery(input)).toBe(true)
    expect(verifyDelivery({ ...input, body: `${body} ` })).toBe(false)
    expect(verifyDelivery({ ...input, secret: 'whsec_other' })).toBe(false)
    expect(verifyDelivery({ ...input, timestamp: '1700000001' })).toBe(false)
    expect(verifyDelivery({ ...input, signature: undefined })).toBe(false)
    expect(verifyDelivery({ ...input, signature: 'sha256=00' })).toBe(false)
  })

  it('refuse a stale timestamp, so a captured delivery cannot be replayed later', () => {
    const signature = signDelivery(secret, 1_700_000_000, body)
    const input = { secret, body, timestamp: '1700000000', signature }
    expect(verifyDelivery({ ...input, now: 1_700_000_301 })).toBe(false)
    expect(verifyDelivery({ ...input, now: 1_700_000_301, toleranceSeconds: 600 })).toBe(true)
  })

  it('come from fresh, recognisable secrets', () => {
    const a = generateWebhookSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(generateWebhookSecret()).not.toBe(a)
  })
})
