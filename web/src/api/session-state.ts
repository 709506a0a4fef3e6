/**
 * What the browser must remember between API calls of one signed-in session: the CSRF token
 * that the session endpoints hand out (the session itself is an httpOnly cookie the page
 * cannot read), and who to tell when the server says the session is gone.
 */

let csrfToken: string | null = null
const unauthorizedListeners = new Set<() => void>()

/** Remembers the CSRF token of the current session (null once signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The CSRF token to send as `x-csrf-token` on POST, PUT, PATCH and DELETE. */
export function currentCsrfToken(): string | null {
  return csrfToken
}

/** Calls `listener` whenever an API call answers 401; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener)
  return () => {
    unauthorizedListeners.delete(listener)
  }
}

/** Tells every listener that the session is no longer valid. */
export function notifyUnauthorized(): void {
  for (const listener of unauthorizedListeners) {
    listener()
  }
}
