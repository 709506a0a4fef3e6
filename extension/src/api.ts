import { createTesseraClient, TesseraApiError, type TesseraClient } from '../../sdk/src/index'
import type { Settings } from './settings'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const CSRF_HEADER = 'x-csrf-token'

/** The API base of a server address as the settings keep it. */
export function apiBaseUrl(serverUrl: string): string {
  return `${serverUrl}/api/v1`
}

/**
 * CSRF tokens of web sessions, by server address. A service worker's memory lasts until it is
 * put to sleep; a token lost then is simply read again.
 */
const csrfTokens = new Map<string, string>()

/** Reads the CSRF token of the web session this browser holds for `serverUrl`, if any. */
async function readCsrfToken(serverUrl: string): Promise<string | null> {
  const response = await fetch(`${apiBaseUrl(serverUrl)}/auth/session`, {
    credentials: 'include',
  })
  if (!response.ok) {
    return null
  }
  const body: unknown = await response.json()
  const token =
    typeof body === 'object' && body !== null && 'csrf_token' in body ? body.csrf_token : null
  if (typeof token !== 'string') {
    return null
  }
  csrfTokens.set(serverUrl, token)
  return token
}

/**
 * The fetch of a client that uses the web app's session: the cookie the browser holds for
 * the server (the extension's host permission lets it be sent from the service worker), and
 * for writes the session's CSRF token, read once and again when the server refuses it.
 */
function sessionFetch(serverUrl: string) {
  return async (request: Request): Promise<Response> => {
    const unsafe = !SAFE_METHODS.has(request.method.toUpperCase())
    // A body can be sent once: keep a copy for the retry with a fresh CSRF token.
    const retry = unsafe ? request.clone() : null
    const send = async (original: Request, csrf: string | null) => {
      const headers = new Headers(original.headers)
      // The SDK is built for tokens and always sets these two.
      headers.delete('authorization')
      headers.delete('user-agent')
      if (csrf) {
        headers.set(CSRF_HEADER, csrf)
      }
      return fetch(new Request(original, { headers, credentials: 'include' }))
    }
    const known = csrfTokens.get(serverUrl) ?? null
    const csrf = unsafe ? (known ?? (await readCsrfToken(serverUrl))) : null
    const response = await send(request, csrf)
    if (retry && response.status === 403) {
      const fresh = await readCsrfToken(serverUrl)
      if (fresh && fresh !== csrf) {
        return send(retry, fresh)
      }
    }
    return response
  }
}

/** A token client sends no cookie: what it may do is the token's role, nothing else. */
async function tokenFetch(request: Request): Promise<Response> {
  const headers = new Headers(request.headers)
  // Chromium sends its own User-Agent whatever a fetch asks for.
  headers.delete('user-agent')
  return fetch(new Request(request, { headers, credentials: 'omit' }))
}

/** A typed client of the server the settings name, with their token or the web session. */
export function createClient(settings: Settings): TesseraClient {
  return createTesseraClient({
    baseUrl: apiBaseUrl(settings.serverUrl),
    token: settings.token,
    fetch: settings.token ? tokenFetch : sessionFetch(settings.serverUrl),
  })
}

/** How the panel says what went wrong: the API's sentence, or what a network failure means. */
export function describeError(error: unknown, serverUrl: string): string {
  if (error instanceof TesseraApiError) {
    return error.message
  }
  if (error instanceof TypeError) {
    // What fetch throws when nothing answers (server down, wrong address, offline).
    return `Tessera does not answer at ${serverUrl}. Check the address in the extension's options.`
  }
  return error instanceof Error ? error.message : String(error)
}
