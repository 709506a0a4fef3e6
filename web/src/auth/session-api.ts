import { apiRequest } from '../api/raw'
import type { SessionInfo } from '../api/types'

/** What the sign-in form sends; `organization` is needed only when the email is in several. */
export interface Credentials {
  email: string
  password: string
  organization?: string
}

/** The current session, or a 401 `TesseraApiError` when there is none. */
export function fetchSession(): Promise<SessionInfo> {
  return apiRequest<SessionInfo>('/auth/session')
}

/** Signs in: the server sets the httpOnly session cookie and returns the CSRF token. */
export function postLogin(credentials: Credentials): Promise<SessionInfo> {
  return apiRequest<SessionInfo>('/auth/login', { method: 'POST', body: credentials })
}

/** Ends the session on the server (the cookie is cleared). */
export function postLogout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' })
}
