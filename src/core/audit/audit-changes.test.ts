import { describe, expect, it } from 'vitest'
import { auditChanges, isSecretKey, REDACTED, redact } from './audit-changes'

describe('auditChanges', () => {
  it('keeps only the keys an update changed, on both sides', () => {
    const before = { name: 'Claims', position: 1, skills: ['fr'], updated_at: new Date(1) }
    const after = { name: 'Claims FR', position: 1, skills: ['fr'], updated_at: new Date(2) }
    expect(auditChanges(before, after)).toEqual({
      before: { name: 'Claims' },
      after: { name: 'Claims FR' },
    })
  })

  it('says nothing changed when only bookkeeping moved', () => {
    expect(auditChanges({ a: 1, updated_at: new Date(1) }, { a: 1, updated_at: new Date(2) })).toBe(
      null,
    )
  })

  it('keeps a whole creation or deletion, dates as ISO strings', () => {
    const created = new Date('2026-01-02T03:04:05.678Z')
    expect(auditChanges(undefined, { uid: 'u', created_at: created })).toEqual({
      after: { uid: 'u', created_at: '2026-01-02T03:04:05.678Z' },
    })
    expect(auditChanges({ uid: 'u' }, null)).toEqual({ before: { uid: 'u' } })
    expect(auditChanges(undefined, undefined)).toEqual({})
  })

  it('shows a changed secret as changed, never its values', () => {
    const changes = auditChanges(
      { password_hash: 'old-hash', name: 'A' },
      { password_hash: 'new-hash', name: 'A' },
    )
    expect(changes).toEqual({
      before: { password_hash: REDACTED },
      after: { password_hash: REDACTED },
    })
  })

  it('redacts secrets at any depth and keeps uids, names and field keys', () => {
    expect(
      redact({
        secret: 's',
        token: 't',
        token_uid: 'kept',
        token_name: 'kept',
        key: 'kept',
        oidc: { client_secret: 'c', issuer: 'kept' },
        headers: [{ authorization: 'Bearer x' }],
        api_key: 'k',
        removed_secret: null,
      }),
    ).toEqual({
      secret: REDACTED,
      token: REDACTED,
      token_uid: 'kept',
      token_name: 'kept',
      key: 'kept',
      oidc: { client_secret: REDACTED, issuer: 'kept' },
      headers: [{ authorization: REDACTED }],
      api_key: REDACTED,
      removed_secret: null,
    })
  })

  it('knows secret keys by name', () => {
    for (const key of [
      'password',
      'new_password',
      'client_secret',
      'secret_sealed',
      'refresh_token',
    ]) {
      expect(isSecretKey(key), key).toBe(true)
    }
    for (const key of ['key', 'token_uid', 'last4', 'secret_last4', 'name', 'email']) {
      expect(isSecretKey(key), key).toBe(false)
    }
  })
})
