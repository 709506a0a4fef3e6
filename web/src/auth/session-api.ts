import {
  isApiStatus,
  queryKeys,
  type SignInBody,
  setCsrfToken,
  type TesseraClient,
  unwrap,
  useApiMutation,
  useApiQuery,
  type WebSession,
} from '../api'

/**
 * The session behind the cookie, or null when there is none (the API answers 401). Its CSRF
 * token is remembered before any page can render and send a request that needs it.
 */
async function readSession(api: TesseraClient): Promise<WebSession | null> {
  try {
    const session = await unwrap(api.GET('/auth/session'))
    setCsrfToken(session.csrf_token)
    return session
  } catch (error) {
    if (isApiStatus(error, 401)) {
      return null
    }
    throw error
  }
}

/**
 * `GET /auth/session`, asked once: only sign-in, sign-out and a 401 change the answer, and
 * each of them writes it into the cache itself.
 */
export function useSessionQuery() {
  return useApiQuery(queryKeys.session, readSession, {
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  })
}

/** `POST /auth/login`: the server sets the httpOnly session cookie and returns the CSRF token. */
export function useSignIn(onSignedIn: (session: WebSession) => void) {
  return useApiMutation((api, body: SignInBody) => unwrap(api.POST('/auth/login', { body })), {
    onSuccess: onSignedIn,
  })
}

/** `POST /auth/logout`: ends the session on the server (the cookie is cleared). */
export function useSignOut() {
  return useApiMutation((api, _: undefined) => unwrap(api.POST('/auth/logout')))
}
