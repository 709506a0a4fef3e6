import type { SsoErrorCode } from '../../contract/sso'

/**
 * A single sign-on that ends without a session. The browser is sent to
 * `/login?sso_error=<code>`, where the web app says what happened; `detail` is for the log.
 */
export class SsoRefusal extends Error {
  override name = 'SsoRefusal'

  constructor(
    readonly code: SsoErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`)
  }
}
