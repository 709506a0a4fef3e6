import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

/**
 * The roles a provider's claim may give. Not super_admin: a super admin can change anything,
 * SSO settings included, so whoever controls a group at the provider would own the
 * organization; super admins are named in Tessera (`tessera users create`, or another one).
 */
export const SSO_ROLES = ['viewer', 'operator', 'admin'] as const
export type SsoRole = (typeof SSO_ROLES)[number]

const ClaimValues = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: 50,
  uniqueItems: true,
})

export const SsoRoleValues = Type.Object(
  { viewer: ClaimValues, operator: ClaimValues, admin: ClaimValues },
  {
    additionalProperties: false,
    description:
      'Per role, the claim values that give it. A user whose claim holds values of several roles gets the highest; one with none is refused.',
  },
)
export type SsoRoleValues = Static<typeof SsoRoleValues>

const Issuer = Type.String({
  minLength: 1,
  maxLength: 2048,
  description:
    'The provider’s issuer URL, https (http only for a loopback address when the server runs with TESSERA_SSO_ALLOW_HTTP_LOOPBACK=1). Its discovery document is `<issuer>/.well-known/openid-configuration`.',
})

const Domain = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
  description: 'An email domain, such as example.com.',
})

const Scope = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$',
})

const SsoWritable = {
  issuer: Issuer,
  client_id: Type.String({ minLength: 1, maxLength: 500 }),
  scopes: Type.Optional(
    Type.Array(Scope, {
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      description:
        'Scopes asked for; `openid` is always added. Default: openid, email, profile. Add `groups` for Okta’s groups claim.',
    }),
  ),
  allowed_domains: Type.Array(Domain, {
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description: 'Only users whose email is in one of these domains may sign in.',
  }),
  role_claim: Type.String({
    minLength: 1,
    maxLength: 200,
    description:
      'The ID token (or userinfo) claim read for the role: `groups`, `roles`, or a custom claim. A string or an array of strings.',
  }),
  role_values: SsoRoleValues,
  sso_required: Type.Boolean({
    description:
      'Password sign-in is refused for the organization, except for the break-glass super admin.',
  }),
  break_glass_user_uid: Type.Optional(
    Nullable({
      ...Uid,
      description:
        'A super admin of the organization who may still sign in with a password. Required when sso_required is true.',
    }),
  ),
}

export const PutSsoBody = Type.Object(
  {
    ...SsoWritable,
    client_secret: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        writeOnly: true,
        description:
          'Write-only: stored sealed, never returned. Required the first time; left out, the stored one is kept.',
      }),
    ),
  },
  { $id: 'PutSsoBody', additionalProperties: false },
)
export type PutSsoBody = Static<typeof PutSsoBody>

export const SsoSettings = Type.Object(
  {
    issuer: Type.String(),
    client_id: Type.String(),
    client_secret_set: Type.Boolean({ description: 'The secret itself is never returned.' }),
    scopes: Type.Array(Type.String()),
    allowed_domains: Type.Array(Type.String()),
    role_claim: Type.String(),
    role_values: SsoRoleValues,
    sso_required: Type.Boolean(),
    break_glass_user_uid: Nullable(Uid),
    redirect_uri: Type.String({
      description: 'The redirect (callback) URI to register at the provider.',
    }),
    sign_in_url: Type.String({
      description: 'Opens single sign-on for this organization directly (a bookmark, a tile).',
    }),
    updated_at: Timestamp,
  },
  { $id: 'SsoSettings' },
)
export type SsoSettings = Static<typeof SsoSettings>

export const TestSsoBody = Type.Object(
  {
    issuer: Type.Optional({
      ...Issuer,
      description: 'The issuer to try; left out, the saved one.',
    }),
  },
  { $id: 'TestSsoBody', additionalProperties: false },
)
export type TestSsoBody = Static<typeof TestSsoBody>

export const SsoTestResult = Type.Object(
  {
    ok: Type.Boolean(),
    issuer: Type.String(),
    authorization_endpoint: Type.Optional(Type.String()),
    token_endpoint: Type.Optional(Type.String()),
    error: Type.Optional(Type.String({ description: 'Why the discovery document was refused.' })),
  },
  { $id: 'SsoTestResult' },
)
export type SsoTestResult = Static<typeof SsoTestResult>

/** Why a single sign-on ended without a session: `/login?sso_error=<code>`. */
export const SSO_ERRORS = [
  'unknown_organization',
  'not_configured',
  'provider_unavailable',
  'provider_refused',
  'expired',
  'invalid_state',
  'invalid_token',
  'email_missing',
  'email_unverified',
  'domain_not_allowed',
  'no_role',
  'deactivated',
] as const
export type SsoErrorCode = (typeof SSO_ERRORS)[number]

export const SsoStartQuery = Type.Object(
  {
    organization: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'The organization’s name.' }),
    ),
    email: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 320,
        description:
          'Picks the organization by the email’s domain, and is passed on as login_hint.',
      }),
    ),
  },
  { additionalProperties: false },
)
export type SsoStartQuery = Static<typeof SsoStartQuery>

export const SsoCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4096 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
    iss: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  // Providers add parameters of their own (session_state, scope…).
  { additionalProperties: true },
)

export const SessionMethod = StringEnum(['password', 'sso'] as const)

export const SessionInfo = Type.Object(
  {
    uid: Uid,
    method: SessionMethod,
    created_at: Timestamp,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    user_agent: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    current: Type.Boolean({ description: 'The session this request was made with.' }),
  },
  { $id: 'SessionInfo' },
)
export type SessionInfo = Static<typeof SessionInfo>
