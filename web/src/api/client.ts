import { createTesseraClient, type TesseraClient } from '../../../sdk/src/index'
import { browserFetch } from './browser-fetch'

/** The API base of the server that served the page: the app and the API share one origin. */
export function apiBaseUrl(): string {
  return `${window.location.origin}/api/v1`
}

/** A typed client of the public API that authenticates with the session cookie. */
export function createBrowserClient(baseUrl: string = apiBaseUrl()): TesseraClient {
  // No token: browserFetch drops the Authorization header the SDK would build from it.
  return createTesseraClient({ baseUrl, token: '', fetch: browserFetch })
}

/**
 * Where the browser goes to sign in with single sign-on: a navigation (the provider's pages
 * are not fetched), to the server's start route, which redirects to the organization's
 * provider, found by its name or the email's domain.
 */
export function ssoStartUrl(by: { email: string } | { organization: string }): string {
  return `${apiBaseUrl()}/auth/sso/start?${new URLSearchParams(by).toString()}`
}
