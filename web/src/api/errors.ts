import { TesseraApiError } from '../../../sdk/src/index'

/**
 * A sentence to show a person for a failed call: the API's own message (they are written
 * for people), with the wrong fields of a 422, or what went wrong with the connection.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TesseraApiError) {
    if (error.status === 429) {
      const retry = error.response.headers.get('retry-after')
      return retry ? `Too many requests: try again in ${retry} s.` : 'Too many requests.'
    }
    const fields = error.fields.map((field) => `${field.path} ${field.message}`).join('; ')
    return fields ? `${error.message} (${fields})` : error.message
  }
  if (error instanceof TypeError) {
    return 'The server cannot be reached. Check your connection and try again.'
  }
  return error instanceof Error ? error.message : 'Something went wrong.'
}

/** Whether `error` is the API's answer with this HTTP status. */
export function isApiStatus(error: unknown, status: number): boolean {
  return error instanceof TesseraApiError && error.status === status
}
