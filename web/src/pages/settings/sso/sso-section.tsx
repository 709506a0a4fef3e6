import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { useUsers } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { CopyButton } from '../shared/copy-button'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'
import { type SsoSettings, useDeleteSso, useSaveSso, useSsoSettings, useTestSso } from './sso-api'
import { bodyOf, draftOf, type SsoDraft } from './sso-form'
import './sso.css'

/** Settings > Single sign-on: the organization's OpenID Connect provider. */
export function SsoSection() {
  const settings = useSsoSettings()
  return (
    <section className="st-section" aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      <p className="st-lead">
        People sign in through your OpenID Connect provider (Okta, Microsoft Entra ID, Google,
        Keycloak…); a first sign-in creates their account with the role their groups map to. See
        docs/SSO.md for each provider's steps.
      </p>
      <QueryStatus
        query={settings}
        loading="Loading single sign-on"
        failed="Could not load single sign-on"
      />
      {settings.data !== undefined ? (
        <SsoForm key={settings.data?.updated_at ?? 'new'} saved={settings.data} />
      ) : null}
    </section>
  )
}

function SsoForm({ saved }: { saved: SsoSettings | null }) {
  const [draft, setDraft] = useState<SsoDraft>(() => draftOf(saved))
  const [replacingSecret, setReplacingSecret] = useState(!saved)
  const save = useSaveSso()
  const remove = useDeleteSso()
  const test = useTestSso()
  const users = useUsers()
  const id = useId()
  const errors = fieldErrorsOf(save.error)
  const at = (path: string) => messageAt(errors, `/body/${path}`)
  const set = <K extends keyof SsoDraft>(key: K, value: SsoDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }))

  const superAdmins = (users.data ?? []).filter((u) => u.role === 'super_admin' && u.active)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(bodyOf(draft))
  }

  const field = (
    key: keyof SsoDraft,
    path: string,
    label: string,
    input: ReactNode,
    hint?: string,
  ) => (
    <div className="st-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint ? <small className="muted">{hint}</small> : null}
      <FormError id={`${id}-${key}-error`} message={at(path)} />
    </div>
  )
  const text = (key: keyof SsoDraft, path: string, extra: Record<string, unknown> = {}) => (
    <input
      id={`${id}-${key}`}
      type="text"
      value={String(draft[key])}
      onChange={(event) => set(key, event.target.value)}
      {...errorProps(`${id}-${key}-error`, at(path))}
      {...extra}
    />
  )

  return (
    <form className="st-form sso-form" onSubmit={submit} aria-label="Single sign-on settings">
      {saved ? (
        <dl className="sso-links">
          <dt>Redirect URI to register at your provider</dt>
          <dd>
            <code data-testid="sso-redirect-uri">{saved.redirect_uri}</code>
            <CopyButton text={saved.redirect_uri} />
          </dd>
          <dt>Direct sign-in link</dt>
          <dd>
            <code>{saved.sign_in_url}</code>
          </dd>
        </dl>
      ) : null}
      <fieldset className="st-fieldset">
        <legend>Provider</legend>
        <div className="st-grid-form">
          {field(
            'issuer',
            'issuer',
            'Issuer URL',
            text('issuer', 'issuer', {
              type: 'url',
              required: true,
              placeholder: 'https://login.example.com',
            }),
          )}
          {field(
            'clientId',
            'client_id',
            'Client ID',
            text('clientId', 'client_id', { required: true }),
          )}
          <div className="st-field">
            <label htmlFor={`${id}-clientSecret`}>Client secret</label>
            {replacingSecret ? (
              <input
                id={`${id}-clientSecret`}
                type="password"
                autoComplete="off"
                required={!saved}
                value={draft.clientSecret}
                onChange={(event) => set('clientSecret', event.target.value)}
                {...errorProps(`${id}-clientSecret-error`, at('client_secret'))}
              />
            ) : (
              <div className="sso-secret">
                <span className="sso-secret-set" id={`${id}-clientSecret`}>
                  Set · never shown
                </span>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setReplacingSecret(true)}
                >
                  Replace
                </button>
              </div>
            )}
            <FormError id={`${id}-clientSecret-error`} message={at('client_secret')} />
          </div>
          {field(
            'scopes',
            'scopes',
            'Scopes',
            text('scopes', 'scopes'),
            'Separated by spaces; add groups for Okta.',
          )}
        </div>
      </fieldset>
      <fieldset className="st-fieldset">
        <legend>Who may sign in, and as what</legend>
        <div className="st-grid-form">
          {field(
            'domains',
            'allowed_domains',
            'Allowed email domains',
            text('domains', 'allowed_domains', { required: true, placeholder: 'example.com' }),
            'Separated by commas. Only these emails may sign in.',
          )}
          {field(
            'roleClaim',
            'role_claim',
            'Role claim',
            text('roleClaim', 'role_claim', { required: true }),
            'The ID token claim holding groups or roles, e.g. groups or roles.',
          )}
          {field('admin', 'role_values', 'Admin: claim values', text('admin', 'role_values/admin'))}
          {field(
            'operator',
            'role_values',
            'Operator: claim values',
            text('operator', 'role_values/operator'),
          )}
          {field(
            'viewer',
            'role_values',
            'Viewer: claim values',
            text('viewer', 'role_values/viewer'),
            'Separated by commas. The highest role matched wins; no match, no entry. Super admins are named in Tessera, never by the provider.',
          )}
        </div>
      </fieldset>
      <fieldset className="st-fieldset">
        <legend>Passwords</legend>
        <label className="st-check">
          <input
            type="checkbox"
            checked={draft.ssoRequired}
            onChange={(event) => set('ssoRequired', event.target.checked)}
          />
          Require single sign-on: refuse password sign-in
        </label>
        {field(
          'breakGlass',
          'break_glass_user_uid',
          'Break-glass super admin (may still use a password)',
          <select
            id={`${id}-breakGlass`}
            value={draft.breakGlass}
            onChange={(event) => set('breakGlass', event.target.value)}
            {...errorProps(`${id}-breakGlass-error`, at('break_glass_user_uid'))}
          >
            <option value="">None</option>
            {superAdmins.map((user) => (
              <option key={user.uid} value={user.uid}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>,
        )}
      </fieldset>
      {save.error && errors.length === 0 ? (
        <ErrorNotice error={save.error} action="Could not save single sign-on" />
      ) : null}
      {save.error && errors.length > 0 ? (
        <p className="st-field-error" role="alert">
          Fix what is marked.
        </p>
      ) : null}
      {save.isSuccess && !save.isPending ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      {remove.error ? <ErrorNotice error={remove.error} action="Could not turn SSO off" /> : null}
      {test.data ? (
        <p
          className={test.data.ok ? 'notice' : 'notice notice-error'}
          role="status"
          data-testid="sso-test-result"
        >
          {test.data.ok
            ? `Connected: ${test.data.issuer} answers, signing in at ${test.data.authorization_endpoint}.`
            : `Could not use ${test.data.issuer}: ${test.data.error}`}
        </p>
      ) : null}
      {test.error ? (
        <ErrorNotice error={test.error} action="Could not test the connection" />
      ) : null}
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {saved ? 'Save' : 'Turn on single sign-on'}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={test.isPending || !(draft.issuer || saved)}
          onClick={() => test.mutate(draft.issuer.trim())}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        {saved ? (
          <button
            type="button"
            className="button-secondary"
            disabled={remove.isPending}
            onClick={() => remove.mutate(undefined)}
          >
            Turn off
          </button>
        ) : null}
      </div>
    </form>
  )
}
