import { type FieldError, TesseraApiError } from '../../../api'

/** The field errors of a failed call (a 422's `error.fields`), or none. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  return error instanceof TesseraApiError ? error.fields : []
}

/** The message about `path` or anything below it (`/body/weekly_hours/mon` covers `/mon/0/end`). */
export function messageAt(errors: readonly FieldError[], path: string): string | undefined {
  const found = errors.filter((error) => error.path === path || error.path.startsWith(`${path}/`))
  return found.length === 0 ? undefined : found.map((error) => error.message).join('; ')
}
