import { useQueryClient } from '@tanstack/react-query'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { isApiStatus } from '../api/errors'
import { onUnauthorized, setCsrfToken } from '../api/session-state'
import type { Role, SessionAccount, SessionInfo } from '../api/types'
import { hasRole } from './roles'
import { type Credentials, fetchSession, postLogin, postLogout } from './session-api'

/** Where the session stands: still asking the server, signed in, or not. */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; error?: Error }
  | { status: 'signed-in'; account: SessionAccount }

/** What {@link useAuth} returns. */
export interface Auth {
  state: AuthState
  signIn: (credentials: Credentials) => Promise<void>
  signOut: () => Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

/**
 * Holds the signed-in account. On start it asks the server for the session (the cookie is
 * httpOnly, so only the server knows), and it signs out locally when any call answers 401.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<AuthState>({ status: 'loading' })

  const accept = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrf_token)
    setState({ status: 'signed-in', account: session.account })
  }, [])

  const forget = useCallback(() => {
    setCsrfToken(null)
    // Nothing of the previous account may show to the next one.
    queryClient.clear()
    setState({ status: 'signed-out' })
  }, [queryClient])

  useEffect(() => {
    let cancelled = false
    fetchSession().then(
      (session) => {
        if (!cancelled) {
          accept(session)
        }
      },
      (error: unknown) => {
        if (!cancelled) {
          setState(
            isApiStatus(error, 401)
              ? { status: 'signed-out' }
              : { status: 'signed-out', error: error as Error },
          )
        }
      },
    )
    return () => {
      cancelled = true
    }
  }, [accept])

  useEffect(() => onUnauthorized(forget), [forget])

  const signIn = useCallback(
    async (credentials: Credentials) => accept(await postLogin(credentials)),
    [accept],
  )
  const signOut = useCallback(async () => {
    try {
      await postLogout()
    } finally {
      forget()
    }
  }, [forget])

  const auth = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut])
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
}

/** The session state and the sign-in and sign-out actions. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) {
    throw new Error('useAuth() needs an <AuthProvider> above it')
  }
  return auth
}

/** The signed-in account; only for pages behind <RequireAuth>. */
export function useAccount(): SessionAccount {
  const { state } = useAuth()
  if (state.status !== 'signed-in') {
    throw new Error('useAccount() is only for signed-in pages')
  }
  return state.account
}

/**
 * Whether the signed-in role is `least` or above, to hide or disable what the role cannot
 * do (the API refuses it anyway).
 */
export function useCan(least: Role): boolean {
  return hasRole(useAccount().role, least)
}
