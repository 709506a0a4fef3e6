import { type FormEvent, useId, useState } from 'react'
import type { Role } from '../../../api'
import { useAccount } from '../../../auth/auth-context'
import { hasRole, ROLE_LABELS } from '../../../auth/roles'
import { ErrorNotice } from '../../../ui/error-notice'
import { ROLES } from '../roles'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { parseSkills } from '../shared/skills'
import { useCreateUser } from './users-api'

const EMPTY = { email: '', name: '', role: 'operator' as Role, skills: '', password: '' }

/** Adds a person to the organization, with a role no higher than the admin's own. */
export function CreateUserForm() {
  const account = useAccount()
  const roles = ROLES.filter((role) => hasRole(account.role, role))
  const [draft, setDraft] = useState(EMPTY)
  const create = useCreateUser(() => setDraft(EMPTY))
  const id = useId()
  const errors = fieldErrorsOf(create.error)
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [key]: value })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const skills = parseSkills(draft.skills)
    create.mutate({
      email: draft.email.trim(),
      name: draft.name.trim(),
      role: draft.role,
      ...(skills.length > 0 ? { skills } : {}),
      ...(draft.password ? { password: draft.password } : {}),
    })
  }

  const input = (key: 'email' | 'name' | 'skills' | 'password', label: string, type = 'text') => {
    const message = messageAt(errors, `/body/${key}`)
    return (
      <div className="st-field">
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <input
          id={`${id}-${key}`}
          type={type}
          value={draft[key]}
          required={key === 'email' || key === 'name'}
          autoComplete={key === 'password' ? 'new-password' : 'off'}
          onChange={(event) => set(key)(event.target.value)}
          {...errorProps(`${id}-${key}-error`, message)}
        />
        <FormError id={`${id}-${key}-error`} message={message} />
      </div>
    )
  }

  return (
    <form className="st-form st-grid-form" onSubmit={submit} aria-label="New user">
      {input('email', 'Email', 'email')}
      {input('name', 'Name')}
      <div className="st-field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select
          id={`${id}-role`}
          value={draft.role}
          onChange={(event) => set('role')(event.target.value)}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      {input('skills', 'Skills (comma-separated)')}
      {input('password', 'Password (optional)', 'password')}
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create user
        </button>
      </div>
      {create.error && errors.length === 0 ? (
        <ErrorNotice error={create.error} action="Could not create the user" />
      ) : null}
    </form>
  )
}
