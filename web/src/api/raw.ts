import { TesseraApiError } from '../../../sdk/src/index'
import { browserFetch } from './browser-fetch'
import { apiBaseUrl } from './client'

/** Options of {@link apiRequest}. */
export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Calls an API path that the SDK's generated types do not describe (yet), with the same
 * cookie, CSRF header and error handling as the typed client: resolves to the parsed JSON
 * (undefined for an empty answer) or throws a `TesseraApiError`.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET' }
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body)
    init.headers = { 'content-type': 'application/json' }
  }
  const response = await browserFetch(new Request(`${apiBaseUrl()}${path}`, init))
  const body = await readBody(response)
  if (!response.ok) {
    throw new TesseraApiError(response, body)
  }
  return body as T
}
