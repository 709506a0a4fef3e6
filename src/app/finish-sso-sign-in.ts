import * as oidc from 'openid-client'
import type { SsoRole } from '../contract/sso'
import { openSecret, SecretOpenError } from '../core/secrets'
import { SsoRefusal } from '../core/sso/sso-refusal'
import { emailDomainAllowed, mapClaimToRole, roleAfterSignIn } from '../core/sso/sso-rules'
import { type Database, withTransaction } from '../store/database'
import {
  authenticateSession,
  insertSession,
  SESSION_IDLE_DAYS,
  type SessionOrigin,
} from '../store/sessions'
import {
  findSsoSettings,
  lockUserByEmail,
  type SsoSettingsRecord,
  takeSsoLogin,
} from '../store/sso'
import { insertUser, updateUser } from '../store/users'
import type { RequestMeta } from './actor'
import type { KeyRingScope } from './key-ring-scope'
import { recordAudit } from './record-audit'
import type { OpenedSession } from './sign-in'
import {
  describeProviderError,
  discoverProvider,
  ProviderUnavailableError,
  type SsoOptions,
} from './sso-provider'

/** The callback as the server received it. */
export interface SsoCallback {
  /** The callback's query string, `?code=…&state=…` (or `?error=…`). */
  search: string
  state?: string
  error?: string
  /** The value of the cookie set when the sign-in started. */
  browserBinding?: string
}

type Claims = Record<string, unknown>

/** The claims of the ID token, completed by the userinfo endpoint when some are missing. */
async function readClaims(
  config: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
  roleClaim: string,
): Promise<Claims> {
  const idToken = tokens.claims()
  if (!idToken) {
    throw new SsoRefusal('invalid_token', 'no ID token')
  }
  if (typeof idToken.email === 'string' && idToken[roleClaim] !== undefined) {
    return idToken
  }
  // Providers differ in what they put in the ID token (Okta and Google keep groups and some
  // profile claims to userinfo); the ID token's own claims win.
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
  return { ...userinfo, ...idToken }
}

/** Why the provider's answer was refused, as a refusal code. */
function refusalOf(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) {
    return error
  }
  if (error instanceof ProviderUnavailableError) {
    return new SsoRefusal('provider_unavailable', error.message)
  }
  if (error instanceof SecretOpenError) {
    // The server's keys cannot open the stored secret: for the admins (logged), not the user.
    return new SsoRefusal('not_configured', error.message)
  }
  if (error instanceof TypeError) {
    // fetch's network failures (refused, reset, timed out) while talking to the provider.
    return new SsoRefusal('provider_unavailable', describeProviderError(error))
  }
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    // invalid_grant: the code was used already, expired, or was not issued to us.
    return new SsoRefusal('provider_refused', `${error.error}: ${error.error_description ?? ''}`)
  }
  if (error instanceof Error) {
    // The ID token's audience, issuer, expiry, nonce or signature did not check out.
    return new SsoRefusal('invalid_token', error.message)
  }
  return new SsoRefusal('invalid_token', String(error))
}

/** Who the provider says signed in, with the role the organization maps them to. */
interface Identity {
  email: string
  name: string
  role: SsoRole
}

/** The provider's identity of the user, checked against the organization's rules. */
async function identify(
  keys: KeyRingScope['keys'],
  options: SsoOptions,
  settings: SsoSettingsRecord,
  login: { code_verifier: string; nonce: string; redirect_uri: string },
  callback: SsoCallback & { state: string },
): Promise<Identity> {
  const config = await discoverProvider(options, {
    issuer: settings.issuer,
    clientId: settings.client_id,
    clientSecret: openSecret(keys, settings.client_secret_sealed),
  })
  const currentUrl = new URL(login.redirect_uri)
  currentUrl.search = callback.search
  const tokens = await oidc.authorizationCodeGrant(
    config,
    currentUrl,
    {
      pkceCodeVerifier: login.code_verifier,
      expectedState: callback.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    },
    { redirect_uri: login.redirect_uri },
  )
  const claims = await readClaims(config, tokens, settings.role_claim)
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null
  if (!email) {
    throw new SsoRefusal('email_missing', 'no email claim')
  }
  if (claims.email_verified === false) {
    throw new SsoRefusal('email_unverified', email)
  }
  if (!emailDomainAllowed(email, settings.allowed_domains)) {
    throw new SsoRefusal('domain_not_allowed', email)
  }
  const role = mapClaimToRole(claims[settings.role_claim], settings.role_values)
  if (!role) {
    throw new SsoRefusal('no_role', `${email}: no value of ${settings.role_claim} maps to a role`)
  }
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email
  return { email, name: name.slice(0, 200), role }
}

/**
 * Finishes a single sign-on (`GET /auth/sso/callback`): takes the sign-in under way out of
 * the database (once: a replayed callback finds nothing), exchanges the code with its PKCE
 * verifier, checks the ID token (signature, issuer, audience, expiry, nonce, through
 * openid-client), the email's domain and the role claim, then, in one transaction, creates
 * the user on first sign-in or re-syncs an existing one's role (see roleAfterSignIn), and
 * opens a web session as password sign-in does. Any refusal throws an {@link SsoRefusal}
 * having created nothing.
 */
export async function finishSsoSignIn(
  { db, keys }: { db: Database } & KeyRingScope,
  options: SsoOptions,
  callback: SsoCallback,
  origin: SessionOrigin & RequestMeta,
): Promise<OpenedSession> {
  const { state } = callback
  const login = state ? await takeSsoLogin(db.pool, state, callback.browserBinding) : null
  if (!state || !login) {
    throw new SsoRefusal('invalid_state', 'unknown, used, or another browser’s state')
  }
  if (login.expired) {
    throw new SsoRefusal('expired', 'the sign-in took too long')
  }
  if (callback.error) {
    throw new SsoRefusal('provider_refused', callback.error)
  }
  const settings = await findSsoSettings(db.pool, login.org_uid)
  if (!settings) {
    throw new SsoRefusal('not_configured', 'settings deleted meanwhile')
  }
  const audit = { orgUid: login.org_uid, requestId: origin.requestId, ip: origin.ip }
  // Recorded apart from the sign-in: its own transaction, if it had one, rolled back.
  const refused = async (refusal: SsoRefusal) => {
    await recordAudit(db.pool, audit, {
      action: 'auth.sign_in_failed',
      object: { kind: 'sso' },
      after: { method: 'sso', reason: refusal.code },
    })
    return refusal
  }
  let identity: Identity
  try {
    identity = await identify(keys, options, settings, login, { ...callback, state })
  } catch (error) {
    throw await refused(refusalOf(error))
  }
  try {
    return await signInAs(db, identity, audit, origin)
  } catch (error) {
    throw error instanceof SsoRefusal ? await refused(error) : error
  }
}

/**
 * Creates the user on first sign-in or re-syncs an existing one's role, and opens their
 * session, in one transaction; a deactivated user is refused.
 */
async function signInAs(
  db: Database,
  identity: Identity,
  audit: { orgUid: string; requestId?: string; ip?: string },
  origin: SessionOrigin,
): Promise<OpenedSession> {
  const { orgUid } = audit
  return withTransaction(db, async (client) => {
    const existing = await lockUserByEmail(client, orgUid, identity.email)
    if (existing && !existing.active) {
      throw new SsoRefusal('deactivated', identity.email)
    }
    let userUid: string
    if (existing) {
      userUid = existing.uid
      const role = roleAfterSignIn(existing.role, identity.role)
      if (role !== existing.role) {
        await updateUser(client, orgUid, userUid, { role })
        await recordAudit(
          client,
          { ...audit, actorUid: userUid },
          {
            action: 'user.updated',
            object: { kind: 'user', uid: userUid, name: identity.email },
            before: { role: existing.role },
            after: { role, by: 'sso' },
          },
        )
      }
    } else {
      // Two first sign-ins at once: the second waits on the email's unique key, then finds
      // nothing inserted and signs in as the user the first one created.
      const created =
        (await insertUser(client, orgUid, { ...identity, skills: [] })) ??
        (await lockUserByEmail(client, orgUid, identity.email))
      if (!created) {
        throw new Error('a user could be neither created nor found')
      }
      userUid = created.uid
      await recordAudit(
        client,
        { ...audit, actorUid: userUid },
        {
          action: 'user.created',
          object: { kind: 'user', uid: userUid, name: identity.email },
          after: { email: identity.email, name: identity.name, role: identity.role, by: 'sso' },
        },
      )
    }
    const { secret } = await insertSession(client, {
      orgUid,
      userUid,
      userAgent: origin.userAgent,
      ip: origin.ip,
      method: 'sso',
    })
    await recordAudit(
      client,
      { ...audit, actorUid: userUid },
      {
        action: 'auth.signed_in',
        object: { kind: 'user', uid: userUid, name: identity.email },
        after: { method: 'sso' },
      },
    )
    const session = await authenticateSession(client, secret)
    if (!session) {
      throw new Error('a new session could not be read back')
    }
    return { ...session, secret, maxAgeSeconds: SESSION_IDLE_DAYS * 86_400 }
  })
}
