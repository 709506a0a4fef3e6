import type { SsoTestResult } from '../contract/sso'
import { findSsoSettings } from '../store/sso'
import type { OrgScope } from './actor'
import { ssoNotConfigured } from './read-sso-settings'
import { discoverProvider, ProviderUnavailableError, type SsoOptions } from './sso-provider'

/**
 * Fetches the provider's discovery document (`POST /sso/test`), for the issuer given or the
 * saved one, and says whether it is usable. A refusal is an answer, not an error: the admin
 * reads why.
 */
export async function testSsoConnection(
  scope: OrgScope,
  input: { issuer?: string },
  options: SsoOptions,
): Promise<SsoTestResult> {
  const saved = await findSsoSettings(scope.db.pool, scope.orgUid)
  const issuer = input.issuer ?? saved?.issuer
  if (!issuer) {
    throw ssoNotConfigured()
  }
  try {
    const config = await discoverProvider(options, {
      issuer,
      clientId: saved?.client_id ?? 'tessera',
    })
    const metadata = config.serverMetadata()
    return {
      ok: true,
      issuer: metadata.issuer,
      authorization_endpoint: metadata.authorization_endpoint,
      token_endpoint: metadata.token_endpoint,
    }
  } catch (error) {
    if (error instanceof ProviderUnavailableError) {
      return { ok: false, issuer, error: error.message }
    }
    throw error
  }
}
