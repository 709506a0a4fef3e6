import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useAccount, useAuth } from '../auth/auth-context'
import { ROLE_LABELS } from '../auth/roles'

/** Who is signed in, in which organization, and the sign-out button. */
export function UserMenu() {
  const account = useAccount()
  const { signOut } = useAuth()
  const [busy, setBusy] = useState(false)
  return (
    <div className="user-menu">
      <span className="user-name">
        {account.user.name}
        <span className="muted">
          {' '}
          · {ROLE_LABELS[account.role]} · {account.organization.name}
        </span>
      </span>
      <Link to="/sessions" className="button-secondary">
        Sessions
      </Link>
      <button
        type="button"
        className="button-secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true)
          void signOut().finally(() => setBusy(false))
        }}
      >
        Sign out
      </button>
    </div>
  )
}
