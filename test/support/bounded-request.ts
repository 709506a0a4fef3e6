import { type ApiResponse, readResponse } from './api-client'

/** Thrown when the server accepted a request but gave no answer in time: a hang. */
export class NoAnswerError extends Error {
  constructor(method: string, path: string, timeoutMs: number) {
    super(`${method} ${path} got no answer in ${timeoutMs} ms`)
    this.name = 'NoAnswerError'
  }
}

/**
 * One JSON request that must be answered within `timeoutMs`. Throws NoAnswerError if it is
 * not; any other error (refused, reset) means the server is not there at all.
 */
export async function requestWithin(
  timeoutMs: number,
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'user-agent': 'tessera-tests/1.0' }
  if (token) {
    headers.authorization = `Bearer ${token}`
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json'
  }
  const url = new URL(path.startsWith('/') ? path : `/api/v1/${path}`, baseUrl)
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    // Inside the try: a body that stops arriving times out like a missing answer.
    return await readResponse(response)
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new NoAnswerError(method, path, timeoutMs)
    }
    throw error
  }
}
