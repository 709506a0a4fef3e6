import { randomBytes } from 'node:crypto'
import * as oidc from 'openid-client'
import { SsoRefusal } from '../core/sso/sso-refusal'
import { emailDomain } from '../core/sso/sso-rules'
import type { Database } from '../store/database'
import {
  findSsoOrganizationByName,
  findSsoOrganizationsByDomain,
  findSsoSettings,
  insertSsoLogin,
  type SsoOrganization,
} from '../store/sso'
import { discoverProvider, ProviderUnavailableError, type SsoOptions } from './sso-provider'

/** How long a browser may stay at the provider before its sign-in is refused as expired. */
export const SSO_LOGIN_TTL_SECONDS = 600

/** Where to send the browser, and the value of the cookie that ties the sign-in to it. */
export interface StartedSsoSignIn {
  authorizationUrl: string
  browserBinding: string
}

async function findOrganization(
  db: Database,
  input: { organization?: string; email?: string },
): Promise<SsoOrganization> {
  if (input.organization) {
    const found = await findSsoOrganizationByName(db.pool, input.organization)
    if (!found) {
      throw new SsoRefusal('unknown_organization', 'no organization of this name has SSO')
    }
    return found
  }
  const domain = input.email ? emailDomain(input.email) : null
  const found = domain ? await findSsoOrganizationsByDomain(db.pool, domain) : []
  if (found.length !== 1 || !found[0]) {
    // None, or several organizations accept this domain: the organization's name decides.
    throw new SsoRefusal('unknown_organization', `${found.length} organizations for the domain`)
  }
  return found[0]
}

/**
 * Begins a single sign-on (`GET /auth/sso/start`): finds the organization by its name or by
 * the email's domain, and records the sign-in under way in the database (state, nonce, PKCE
 * verifier), so that whichever server process gets the callback can finish it. The browser
 * is bound to it by a cookie whose hash is stored: a callback link sent to someone else's
 * browser signs no one in (login CSRF).
 */
export async function startSsoSignIn(
  db: Database,
  options: SsoOptions,
  input: { organization?: string; email?: string; redirectUri: string },
): Promise<StartedSsoSignIn> {
  const organization = await findOrganization(db, input)
  const settings = await findSsoSettings(db.pool, organization.org_uid)
  if (!settings) {
    throw new SsoRefusal('not_configured', 'settings deleted meanwhile')
  }
  let config: oidc.Configuration
  try {
    config = await discoverProvider(options, {
      issuer: settings.issuer,
      clientId: settings.client_id,
    })
  } catch (error) {
    if (error instanceof ProviderUnavailableError) {
      throw new SsoRefusal('provider_unavailable', error.message)
    }
    throw error
  }
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const browserBinding = randomBytes(32).toString('base64url')
  await insertSsoLogin(db.pool, {
    state,
    browser: browserBinding,
    org_uid: organization.org_uid,
    code_verifier: codeVerifier,
    nonce,
    redirect_uri: input.redirectUri,
    ttlSeconds: SSO_LOGIN_TTL_SECONDS,
  })
  const parameters: Record<string, string> = {
    redirect_uri: input.redirectUri,
    scope: settings.scopes.join(' '),
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }
  if (input.email) {
    parameters.login_hint = input.email
  }
  return {
    authorizationUrl: oidc.buildAuthorizationUrl(config, parameters).href,
    browserBinding,
  }
}
