import { describe, expect, it } from 'vitest'
import { emailDomainAllowed, issuerProblem, mapClaimToRole, roleAfterSignIn } from './sso-rules'

const VALUES = { admin: ['tessera-admins'], operator: ['ops', 'support'], viewer: ['staff'] }

describe('issuerProblem', () => {
  it('takes https issuers, with or without a path', () => {
    expect(issuerProblem('https://login.example.com', false)).toBeNull()
    expect(issuerProblem('https://example.okta.com/oauth2/default', false)).toBeNull()
  })

  it('takes http only on the loopback, and only when allowed', () => {
    expect(issuerProblem('http://127.0.0.1:4000', true)).toBeNull()
    expect(issuerProblem('http://localhost:4000/', true)).toBeNull()
    expect(issuerProblem('http://127.0.0.1:4000', false)).toBe('must be an https URL')
    expect(issuerProblem('http://10.0.0.1', true)).toMatch(/https/)
  })

  it('refuses what is not a URL, or carries credentials, a query or a fragment', () => {
    expect(issuerProblem('login.example.com', false)).toBe('is not a URL')
    expect(issuerProblem('ftp://example.com', false)).toMatch(/https/)
    expect(issuerProblem('https://u:p@example.com', false)).toMatch(/credentials/)
    expect(issuerProblem('https://example.com/?a=1', false)).toMatch(/query/)
  })
})

describe('emailDomainAllowed', () => {
  it('matches the domain exactly, in any case', () => {
    expect(emailDomainAllowed('Ada@Example.com', ['example.com'])).toBe(true)
    expect(emailDomainAllowed('ada@sub.example.com', ['example.com'])).toBe(false)
    expect(emailDomainAllowed('ada@example.com.evil.test', ['example.com'])).toBe(false)
    expect(emailDomainAllowed('ada@evil.test', ['example.com', 'example.org'])).toBe(false)
    expect(emailDomainAllowed('no-at-sign', ['example.com'])).toBe(false)
  })
})

describe('mapClaimToRole', () => {
  it('gives the highest role any value maps to', () => {
    expect(mapClaimToRole(['staff', 'ops'], VALUES)).toBe('operator')
    expect(mapClaimToRole(['staff', 'tessera-admins', 'ops'], VALUES)).toBe('admin')
    expect(mapClaimToRole('support', VALUES)).toBe('operator')
  })

  it('gives nothing for an unmapped, missing or odd claim', () => {
    expect(mapClaimToRole(['other'], VALUES)).toBeNull()
    expect(mapClaimToRole(undefined, VALUES)).toBeNull()
    expect(mapClaimToRole({ admin: true }, VALUES)).toBeNull()
    expect(mapClaimToRole([42, null], VALUES)).toBeNull()
  })
})

describe('roleAfterSignIn', () => {
  it('follows the provider, except for a super admin', () => {
    expect(roleAfterSignIn('admin', 'viewer')).toBe('viewer')
    expect(roleAfterSignIn('viewer', 'admin')).toBe('admin')
    expect(roleAfterSignIn('super_admin', 'viewer')).toBe('super_admin')
  })
})
