import { AppError } from '../contract/errors'

/** The 404 for a webhook uid that names no webhook of the caller's organization. */
export function webhookNotFound(): AppError {
  return new AppError('not_found', 'No webhook with this uid in your organization.')
}
