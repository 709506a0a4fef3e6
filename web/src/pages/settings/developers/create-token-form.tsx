import { type FormEvent, useId, useState } from 'react'
import type { CreatedToken, Role } from '../../../api'
import { useAccount } from '../../../auth/auth-context'
import { hasRole, ROLE_LABELS } from '../../../auth/roles'
import { ErrorNotice } from '../../../ui/error-notice'
import { ROLES } from '../roles'
import { useCreateToken } from './tokens-api'

/** Names a new token and picks its role (never above the signed-in user's own). */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const account = useAccount()
  const roles = ROLES.filter((role) => hasRole(account.role, role))
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>(roles.includes('operator') ? 'operator' : account.role)
  const create = useCreateToken((token) => {
    setName('')
    onCreated(token)
  })
  const nameId = useId()
  const roleId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name: name.trim(), role })
  }

  return (
    <form className="st-form st-inline-form" onSubmit={submit} aria-label="New token">
      <div className="st-field">
        <label htmlFor={nameId}>Token name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          required
          maxLength={200}
          placeholder="CRM integration"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="st-field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roles.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        Create token
      </button>
      {create.error ? (
        <ErrorNotice error={create.error} action="Could not create the token" />
      ) : null}
    </form>
  )
}
