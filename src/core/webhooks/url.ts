import { AppError } from '../../contract/errors'

/**
 * Refuses a webhook URL that is not an absolute http(s) URL or that carries credentials
 * (they would show in every listing of the webhook; a receiver should check the signature).
 */
export function assertWebhookUrl(url: string, path = '/body/url'): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError('validation_failed', 'The webhook URL is not usable.', [
      { path, message: 'must be an absolute http or https URL' },
    ])
  }
  const problem =
    parsed.protocol !== 'http:' && parsed.protocol !== 'https:'
      ? 'must be an absolute http or https URL'
      : parsed.username || parsed.password
        ? 'must not contain credentials'
        : null
  if (problem) {
    throw new AppError('validation_failed', 'The webhook URL is not usable.', [
      { path, message: problem },
    ])
  }
}
