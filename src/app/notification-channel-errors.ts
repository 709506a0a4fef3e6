import { AppError } from '../contract/errors'

/** The 404 of a channel uid that names none of the organization's. */
export function channelNotFound(): AppError {
  return new AppError('not_found', 'No notification channel with this uid in your organization.')
}
