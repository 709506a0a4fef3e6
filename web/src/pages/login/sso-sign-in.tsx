import { type FormEvent, useId, useState } from 'react'
import { ssoStartUrl } from '../../api'

/**
 * Single sign-on: a work email (its domain finds the organization, and the provider gets it
 * as a login hint) or the organization's name; the browser then leaves for the provider. The
 * button says "Continue with SSO": a name starting "Sign in" would be confused with the
 * password form's button by anyone (or any test) looking for it.
 */
export function SsoSignIn({ navigate = (url: string) => window.location.assign(url) }) {
  const [who, setWho] = useState('')
  const [leaving, setLeaving] = useState(false)
  const hintId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = who.trim()
    setLeaving(true)
    navigate(ssoStartUrl(value.includes('@') ? { email: value } : { organization: value }))
  }
  return (
    <form className="login-card login-sso" onSubmit={submit} aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      <label className="field">
        <span>Work e-mail or organization</span>
        <input
          type="text"
          autoComplete="username"
          required
          aria-describedby={hintId}
          value={who}
          onChange={(event) => setWho(event.target.value)}
        />
        <small id={hintId} className="muted">
          Your organization’s provider (Okta, Microsoft, Google…) asks who you are.
        </small>
      </label>
      <button type="submit" className="button-secondary" disabled={leaving}>
        {leaving ? 'Going to your provider…' : 'Continue with SSO'}
      </button>
    </form>
  )
}
