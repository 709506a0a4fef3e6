import { currentCsrfToken, notifyUnauthorized } from './session-state'

/** The header the server checks on every cookie-authenticated unsafe request. */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Paths whose 401 is an expected answer (a wrong password), not a lost session. */
const AUTH_PATH = /\/api\/v1\/auth\//

/**
 * The fetch every API call of the app goes through. It authenticates with the session
 * cookie (never a bearer token: the app holds no token the page's scripts could leak), adds
 * the CSRF token to unsafe methods, and reports a 401 so the app can return to sign-in.
 */
export async function browserFetch(request: Request): Promise<Response> {
  const headers = new Headers(request.headers)
  // The SDK is built for tokens and always sets these two; in the browser the cookie
  // authenticates and the browser names itself.
  headers.delete('authorization')
  headers.delete('user-agent')
  const token = currentCsrfToken()
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && token) {
    headers.set(CSRF_HEADER, token)
  }
  const response = await fetch(new Request(request, { headers, credentials: 'include' }))
  if (response.status === 401 && !AUTH_PATH.test(new URL(request.url).pathname)) {
    notifyUnauthorized()
  }
  return response
}
