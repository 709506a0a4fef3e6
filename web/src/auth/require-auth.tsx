import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { Loading } from '../ui/loading'
import { useAuth } from './auth-context'

/** Renders its children for a signed-in user; sends anyone else to sign-in, and back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth()
  const location = useLocation()
  if (state.status === 'loading') {
    return <Loading label="Checking your session" />
  }
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return children
}
