import { useId, useState } from 'react'
import type { Role, User } from '../../../api'
import { useAccount } from '../../../auth/auth-context'
import { hasRole, ROLE_LABELS } from '../../../auth/roles'
import { ROLES } from '../roles'
import { ConfirmButton } from '../shared/confirm-button'
import { formatSkills, parseSkills } from '../shared/skills'
import type { UserChange } from './users-api'

export interface UserRowProps {
  user: User
  busy: boolean
  onChange: (change: UserChange) => void
  onSignOut: () => void
}

/** One user: role and skills editable in place, (de)activation and signing out everywhere. */
export function UserRow({ user, busy, onChange, onSignOut }: UserRowProps) {
  const account = useAccount()
  // The API refuses changes to users above the admin's own role; say so by disabling.
  const editable = hasRole(account.role, user.role)
  const roles = ROLES.filter((role) => hasRole(account.role, role))
  const [skills, setSkills] = useState(formatSkills(user.skills))
  const skillsId = useId()
  const skillsChanged = formatSkills(parseSkills(skills)) !== formatSkills(user.skills)
  const change = (body: UserChange['body']) => onChange({ uid: user.uid, body })
  const isSelf = account.user.uid === user.uid

  return (
    <tr className={user.active ? undefined : 'st-inactive'}>
      <th scope="row">
        {user.name}
        <span className="st-sub">{user.email}</span>
      </th>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          disabled={!editable || busy}
          onChange={(event) => change({ role: event.target.value as Role })}
        >
          {(editable ? roles : [user.role]).map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <form
          className="st-inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            change({ skills: parseSkills(skills) })
          }}
        >
          <label htmlFor={skillsId} className="visually-hidden">
            Skills of {user.name}
          </label>
          <input
            id={skillsId}
            type="text"
            value={skills}
            disabled={!editable}
            placeholder="none"
            onChange={(event) => setSkills(event.target.value)}
          />
          {skillsChanged ? (
            <button type="submit" className="button-secondary" disabled={busy}>
              Save skills<span className="visually-hidden"> of {user.name}</span>
            </button>
          ) : null}
        </form>
      </td>
      <td>{user.active ? 'Active' : 'Deactivated'}</td>
      <td>
        <div className="st-row-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={!editable || busy || isSelf}
            title={isSelf ? 'You cannot deactivate yourself' : undefined}
            onClick={() => change({ active: !user.active })}
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
            <span className="visually-hidden"> {user.name}</span>
          </button>
          {/* Your own sessions are ended from the Sessions page, one by one or all but this. */}
          {isSelf ? null : (
            <ConfirmButton
              question={`Sign ${user.name} out of every browser? Their API tokens keep working.`}
              disabled={!editable || busy}
              onConfirm={onSignOut}
            >
              Sign out everywhere<span className="visually-hidden"> {user.name}</span>
            </ConfirmButton>
          )}
        </div>
      </td>
    </tr>
  )
}
