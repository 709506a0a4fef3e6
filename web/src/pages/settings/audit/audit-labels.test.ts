import { describe, expect, it } from 'vitest'
import { auditExportUrl, auditQuery, NO_FILTER } from './audit-api'
import { actionLabel, actorLabel } from './audit-entry'

describe('the audit page', () => {
  it('names actions for people', () => {
    expect(actionLabel('queue.updated')).toBe('Queue updated')
    expect(actionLabel('webhook.secret_rotated')).toBe('Webhook secret rotated')
    expect(actionLabel('auth.sign_in_failed')).toBe('Sign-in failed')
    expect(actionLabel('sso.settings_saved')).toBe('Single sign-on settings saved')
  })

  it('names who acted, whoever it was', () => {
    const actor = { user_uid: 'u1', token_uid: null, email: 'ada@example.test' }
    expect(actorLabel({ ...actor, kind: 'user' })).toBe('ada@example.test')
    expect(actorLabel({ ...actor, kind: 'token', token_uid: 't1' })).toBe(
      'ada@example.test (API token)',
    )
    expect(actorLabel({ ...actor, kind: 'cli', email: null })).toBe('tessera command line')
    expect(actorLabel({ ...actor, kind: 'anonymous', user_uid: null })).toBe(
      'ada@example.test (not signed in)',
    )
  })

  it('asks the API for a whole kind or one action, and for instants', () => {
    expect(auditQuery(NO_FILTER)).toEqual({})
    expect(auditQuery({ ...NO_FILTER, action: 'queue' })).toEqual({ kind: 'queue' })
    expect(auditQuery({ ...NO_FILTER, action: 'user.updated', actor_uid: 'u1' })).toEqual({
      action: 'user.updated',
      actor_uid: 'u1',
    })
    const after = auditQuery({ ...NO_FILTER, occurred_after: '2026-01-02T03:04' }).occurred_after
    expect(after).toBe(new Date('2026-01-02T03:04').toISOString())
    expect(auditExportUrl({ kind: 'queue' }, '/api/v1')).toBe('/api/v1/audit/export?kind=queue')
    expect(auditExportUrl({}, '/api/v1')).toBe('/api/v1/audit/export')
  })
})
