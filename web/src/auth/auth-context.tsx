import { useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react'
import {
  type Account,
  onUnauthorized,
  queryKeys,
  type Role,
  type SignInBody,
  setCsrfToken,
  type WebSession,
} from '../api'
import { hasRole } from './roles'
import { useSessionQuery, useSignIn, useSignOut } from './session-api'

/** Where the session stands: still asking the server, signed in, or not. */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; error?: Error }
  | { status: 'signed-in'; account: Account }

/** What {@link useAuth} returns. */
export interface Auth {
  state: AuthState
  signIn: (credentials: SignInBody) => Promise<void>
  signOut: () => Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

/**
 * Holds the signed-in account. On start it asks the server for the session (the cookie is
 * httpOnly, so only the server knows), and it signs out locally when any call answers 401.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const session = useSessionQuery()

  const accept = useCallback(
    (found: WebSession) => {
      setCsrfToken(found.csrf_token)
      queryClient.setQueryData(queryKeys.session, found)
    },
    [queryClient],
  )

  const forget = useCallback(() => {
    setCsrfToken(null)
    queryClient.setQueryData(queryKeys.session, null)
    // Nothing of the previous account may show to the next one.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] })
    queryClient.getMutationCache().clear()
  }, [queryClient])

  useEffect(() => onUnauthorized(forget), [forget])

  const { mutateAsync: postLogin } = useSignIn(accept)
  const { mutateAsync: postLogout } = useSignOut()
  const signIn = useCallback(
    async (credentials: SignInBody) => {
      await postLogin(credentials)
    },
    [postLogin],
  )
  const signOut = useCallback(async () => {
    try {
      await postLogout(undefined)
    } finally {
      forget()
    }
  }, [postLogout, forget])

  const state = useMemo<AuthState>(() => {
    if (session.isPending) {
      return { status: 'loading' }
    }
    if (session.data) {
      return { status: 'signed-in', account: session.data.account }
    }
    return session.error ? { status: 'signed-out', error: session.error } : { status: 'signed-out' }
  }, [session.isPending, session.data, session.error])

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
export function useAccount(): Account {
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
