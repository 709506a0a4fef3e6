import type { ApiErrorBody, ErrorCode, FieldError } from './types'

/** The code of a {@link TesseraApiError} whose response was not one of the API's errors. */
export const UNEXPECTED_RESPONSE = 'unexpected_response'

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false
  }
  const { error } = body
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

/**
 * An error response of the API, thrown by {@link unwrap} and the SDK's iterators. Switch on
 * `code`; for a 422, `fields` names every wrong input. A response that is not the API's
 * (say, an HTML page from a proxy) gets the code `unexpected_response`.
 */
export class TesseraApiError extends Error {
  /** HTTP status of the response. */
  readonly status: number
  readonly code: ErrorCode | typeof UNEXPECTED_RESPONSE
  /** The request id to quote in a bug report (also in the server's log line). */
  readonly requestId: string | null
  /** For `validation_failed`: each wrong input; empty otherwise. */
  readonly fields: FieldError[]
  /** The parsed error body when it was the API's, else undefined. */
  readonly body: ApiErrorBody | undefined

  /**
   * @param response the HTTP response, whose body has already been read
   * @param body its parsed JSON, or its text when it was not JSON
   */
  constructor(
    readonly response: Response,
    body: unknown,
  ) {
    const apiError = isApiErrorBody(body) ? body : undefined
    const message =
      apiError?.error.message ??
      `HTTP ${response.status} ${response.statusText}`.trim() +
        (typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : '')
    super(message)
    this.name = 'TesseraApiError'
    this.status = response.status
    this.code = apiError?.error.code ?? UNEXPECTED_RESPONSE
    this.requestId = apiError?.error.request_id ?? response.headers.get('x-request-id')
    this.fields = apiError?.error.fields ?? []
    this.body = apiError
  }
}

/** What every openapi-fetch call resolves to: data on success, error otherwise. */
export interface FetchResult<Data> {
  data?: Data
  error?: unknown
  response: Response
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws a {@link TesseraApiError}:
 * `const task = await unwrap(client.GET('/tasks/{uid}', { params: { path: { uid } } }))`.
 */
export async function unwrap<Data>(pending: Promise<FetchResult<Data>>): Promise<Data> {
  const { data, error, response } = await pending
  if (!response.ok || error !== undefined) {
    throw new TesseraApiError(response, error)
  }
  return data as Data
}
