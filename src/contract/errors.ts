/**
 * The one catalogue of API error codes. Every error response carries one of these codes,
 * and the HTTP status comes from here and nowhere else. Clients switch on `code`.
 */
export const ERRORS = {
  bad_request: {
    status: 400,
    description: 'The request is malformed (for example, invalid JSON).',
  },
  unauthorized: { status: 401, description: 'No valid bearer token or session.' },
  forbidden: { status: 403, description: 'The token is valid but its role may not do this.' },
  not_found: { status: 404, description: 'No such resource in your organization.' },
  request_timeout: { status: 408, description: 'The request was not sent in time.' },
  // 409s: one code for each thing a client can do about it.
  uid_taken: { status: 409, description: 'A task with this uid exists: PUT replaces it.' },
  email_taken: { status: 409, description: 'A user with this email exists already.' },
  name_taken: {
    status: 409,
    description: 'A queue, form or calendar with this name exists already.',
  },
  key_taken: { status: 409, description: 'A field definition with this key exists already.' },
  already_exists: { status: 409, description: 'The resource exists already.' },
  task_in_progress: { status: 409, description: 'The operator already has a task in progress.' },
  no_task_in_progress: { status: 409, description: 'You have no task in progress to act on.' },
  not_your_open_task: { status: 409, description: 'The task is done, or not yours.' },
  webhook_limit_reached: { status: 409, description: 'As many webhooks as allowed: delete one.' },
  limit_reached: {
    status: 409,
    description: 'As many field definitions or forms as allowed: delete one.',
  },
  field_in_use: {
    status: 409,
    description: 'Forms use this field definition: take it out of them first.',
  },
  calendar_in_use: {
    status: 409,
    description:
      'SLA policies of queues (named in the message) use this calendar: change them first.',
  },
  version_conflict: { status: 409, description: 'A concurrent change won: read again and retry.' },
  payload_too_large: { status: 413, description: 'The body exceeds the size limit.' },
  unsupported_media_type: { status: 415, description: 'The body is not application/json.' },
  validation_failed: { status: 422, description: 'The input is well-formed but invalid.' },
  rate_limited: { status: 429, description: 'Too many requests; retry after Retry-After seconds.' },
  headers_too_large: { status: 431, description: 'The URL and headers exceed 16 KiB.' },
  internal_error: { status: 500, description: 'An unexpected error on our side.' },
  service_unavailable: { status: 503, description: 'The database is unreachable; retry later.' },
} as const

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERRORS

/** One wrong input field: a JSON pointer into the request and what is wrong with it. */
export interface FieldError {
  /** JSON pointer, prefixed by the request part: `/body/fields/title`, `/query/limit`. */
  path: string
  message: string
}

/**
 * An expected failure, raised anywhere (core, store, server) and turned into an error
 * response by the server's single error handler.
 */
export class AppError extends Error {
  readonly status: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'AppError'
    this.status = ERRORS[code].status
  }
}

/** The answer for a task uid that names no task of the caller's organization. */
export const TASK_NOT_FOUND = 'No task with this uid in your organization.'

/** The 404 for a task uid that names no task of the caller's organization. */
export function taskNotFound(): AppError {
  return new AppError('not_found', TASK_NOT_FOUND)
}

/** The 404 for a queue uid that names no queue of the caller's organization. */
export function queueNotFound(): AppError {
  return new AppError('not_found', 'No queue with this uid in your organization.')
}

/** The 404 for a field definition uid that names none of the caller's organization. */
export function fieldNotFound(): AppError {
  return new AppError('not_found', 'No field definition with this uid in your organization.')
}

/** The 404 for a form uid that names no form of the caller's organization. */
export function formNotFound(): AppError {
  return new AppError('not_found', 'No form with this uid in your organization.')
}

/** The 404 for a view uid that names no view the caller may see. */
export function viewNotFound(): AppError {
  return new AppError('not_found', 'No view with this uid that you can see.')
}

/** The 404 for a calendar uid that names no named calendar of the caller's organization. */
export function calendarNotFound(): AppError {
  return new AppError('not_found', 'No calendar with this uid in your organization.')
}

/** The 404 for a webhook uid that names no webhook of the caller's organization. */
export function webhookNotFound(): AppError {
  return new AppError('not_found', 'No webhook with this uid in your organization.')
}
