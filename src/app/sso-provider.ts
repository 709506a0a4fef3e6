import * as oidc from 'openid-client'
import { issuerProblem } from '../core/sso/sso-rules'
import { outboundFetch } from './outbound-fetch'

/** How far the server lets an organization's issuer reach (TESSERA_SSO_ALLOW_PRIVATE). */
export interface SsoOptions {
  /**
   * The issuer may be on a loopback or private address, and on plain http on the loopback:
   * for self-hosters whose provider lives on their own network, and for tests. Off, an
   * organization admin cannot make the server probe its own network through discovery.
   */
  allowPrivate: boolean
}

/** No answer from the provider within this long ends the sign-in or the test. */
const PROVIDER_TIMEOUT_SECONDS = 10

/** The provider could not be reached, or its discovery document was refused. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError'
}

/**
 * The provider's configuration for one client, from its discovery document, through the
 * same guarded fetch as webhooks (checked on the address actually connected to).
 */
export async function discoverProvider(
  options: SsoOptions,
  client: { issuer: string; clientId: string; clientSecret?: string },
): Promise<oidc.Configuration> {
  const problem = issuerProblem(client.issuer, options.allowPrivate)
  if (problem) {
    throw new ProviderUnavailableError(`The issuer ${problem}.`)
  }
  const fetch = outboundFetch(options.allowPrivate)
  try {
    const config = await oidc.discovery(
      new URL(client.issuer),
      client.clientId,
      client.clientSecret,
      client.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(client.clientSecret),
      {
        [oidc.customFetch]: (url, init) => fetch(url, init),
        timeout: PROVIDER_TIMEOUT_SECONDS,
        execute: new URL(client.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      },
    )
    config.timeout = PROVIDER_TIMEOUT_SECONDS
    return config
  } catch (error) {
    throw new ProviderUnavailableError(describeProviderError(error))
  }
}

/** A sentence for an admin: what went wrong reaching the provider, without internals. */
export function describeProviderError(error: unknown): string {
  if (!(error instanceof Error)) {
    return 'The provider could not be reached.'
  }
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`.slice(0, 500)
}
