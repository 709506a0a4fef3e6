import { type FormEvent, useId, useState } from 'react'
import { Navigate, useSearchParams } from 'react-router-dom'
import { isApiStatus } from '../../api'
import { useAuth } from '../../auth/auth-context'
import { usePageTitle } from '../../layout/use-page-title'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import './login.css'
import { ssoErrorMessage } from './sso-errors'
import { SsoSignIn } from './sso-sign-in'

/** Only paths inside the app: `?next=https://evil.example` must not become a redirect. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}

function failureText(error: unknown): string | null {
  if (isApiStatus(error, 401)) {
    return 'The email or password is wrong.'
  }
  return null
}

/** Sign in with email and password; the server answers with an httpOnly session cookie. */
export function LoginPage() {
  usePageTitle('Sign in')
  const { state, signIn } = useAuth()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [organization, setOrganization] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const orgHintId = useId()

  if (state.status === 'loading') {
    return <Loading label="Checking your session" />
  }
  if (state.status === 'signed-in') {
    return <Navigate to={safeNext(params.get('next'))} replace />
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const org = organization.trim()
      await signIn({ email: email.trim(), password, ...(org ? { organization: org } : {}) })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  const failure = error ? failureText(error) : null
  const ssoError = params.get('sso_error')
  return (
    <main id="main" className="login">
      <div className="login-stack">
        <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
          <h1 id="login-title">Sign in to Tessera</h1>
          {ssoError ? (
            <p className="notice notice-error" role="alert" data-testid="sso-error">
              {ssoErrorMessage(ssoError)}
            </p>
          ) : null}
          {state.error ? (
            <ErrorNotice error={state.error} action="Could not reach the server" />
          ) : null}
          {error && failure ? (
            <p className="notice notice-error" role="alert">
              {failure}
            </p>
          ) : null}
          {error && !failure ? <ErrorNotice error={error} action="Could not sign in" /> : null}
          <label className="field">
            <span>Email</span>
            <input
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Organization</span>
            <input
              type="text"
              autoComplete="organization"
              aria-describedby={orgHintId}
              value={organization}
              onChange={(event) => setOrganization(event.target.value)}
            />
            <small id={orgHintId} className="muted">
              Optional: needed only when your address belongs to several organizations.
            </small>
          </label>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <SsoSignIn />
      </div>
    </main>
  )
}
