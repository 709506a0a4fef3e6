import { describe, expect, it } from 'vitest'
import { generateToken, hashToken, isTokenShaped } from './token-format'

describe('tokens', () => {
  it('are prefixed, well shaped and unique', () => {
    const a = generateToken()
    const b = generateToken()
    expect(a.startsWith('tsr_')).toBe(true)
    expect(isTokenShaped(a)).toBe(true)
    expect(a).not.toBe(b)
  })

  it('hash deterministically and never to themselves', () => {
    const raw = generateToken()
    expect(hashToken(raw)).toBe(hashToken(raw))
    expect(hashToken(raw)).not.toContain(raw.slice(4))
    expect(hashToken(raw)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reject strings that are not tokens', () => {
    expect(isTokenShaped('tsr_short')).toBe(false)
    expect(isTokenShaped(`xyz_${'a'.repeat(43)}`)).toBe(false)
  })
})
