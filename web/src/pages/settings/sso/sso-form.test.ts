import { describe, expect, it } from 'vitest'
import { bodyOf, draftOf } from './sso-form'

describe('the single sign-on form', () => {
  it('splits domains and scopes on spaces or commas, claim values on commas only', () => {
    const body = bodyOf({
      ...draftOf(null),
      issuer: ' https://idp.example.com ',
      clientId: 'tessera',
      domains: 'example.com, example.org\nexample.net',
      scopes: 'openid email,groups',
      admin: 'Tessera Admins, ops-leads',
      viewer: '',
    })
    expect(body).toMatchObject({
      issuer: 'https://idp.example.com',
      allowed_domains: ['example.com', 'example.org', 'example.net'],
      scopes: ['openid', 'email', 'groups'],
      role_values: { admin: ['Tessera Admins', 'ops-leads'], operator: [], viewer: [] },
      break_glass_user_uid: null,
    })
  })

  it('sends the secret only when one was typed', () => {
    expect(bodyOf(draftOf(null))).not.toHaveProperty('client_secret')
    expect(bodyOf({ ...draftOf(null), clientSecret: 's3cret' }).client_secret).toBe('s3cret')
  })
})
