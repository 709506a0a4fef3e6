import { type FormEvent, type ReactNode, useId, useState } from 'react'
import type { Schema } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { fieldErrorsOf, messageAt } from '../shared/field-errors'
import { errorProps, FormError } from '../shared/form-error'

export type Channel = Schema<'NotificationChannel'>
export type CreateChannelBody = Schema<'CreateNotificationChannelBody'>
export type UpdateChannelBody = Schema<'UpdateNotificationChannelBody'>
type Tls = 'none' | 'starttls' | 'tls'

export const KIND_LABELS: Record<Channel['kind'], string> = {
  slack: 'Slack',
  email: 'Email',
  in_app: 'In the web app',
}

/** The form's inputs, as typed; secrets start blank (they are never shown again). */
type Inputs = Record<string, string>

function inputsOf(channel?: Channel): Inputs {
  const settings = channel?.settings ?? {}
  return {
    name: channel?.name ?? '',
    host: settings.host ?? '',
    port: String(settings.port ?? 587),
    tls: settings.tls ?? 'starttls',
    user: settings.user ?? '',
    from: settings.from ?? '',
    recipients: (settings.recipients ?? []).join(', '),
  }
}

/**
 * What the API gets: the name, an email channel's whole settings (a PATCH replaces them), and
 * a secret only when one was typed (left blank on an edit, the stored one is kept).
 */
function bodyOf(kind: Channel['kind'], form: Inputs): CreateChannelBody {
  const body: CreateChannelBody = { kind, name: form.name ?? '' }
  if (kind === 'slack' && form.webhook_url) {
    body.webhook_url = form.webhook_url
  }
  if (kind === 'email') {
    body.settings = {
      host: form.host ?? '',
      port: Number(form.port),
      tls: (form.tls ?? 'starttls') as Tls,
      user: form.user ? form.user : null,
      from: form.from ?? '',
      recipients: (form.recipients ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    }
    if (form.password) {
      body.password = form.password
    }
  }
  return body
}

export interface ChannelFormProps {
  /** The channel to edit (its kind is fixed); none for a new channel. */
  channel?: Channel
  pending: boolean
  error: Error | null
  onSubmit: (body: CreateChannelBody) => void
  onCancel?: () => void
}

/** A channel's inputs, changing with its kind: for a new channel and to edit one. */
export function ChannelForm({ channel, pending, error, onSubmit, onCancel }: ChannelFormProps) {
  const id = useId()
  const [kind, setKind] = useState<Channel['kind']>(channel?.kind ?? 'in_app')
  const [form, setForm] = useState<Inputs>(() => inputsOf(channel))
  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [key]: event.target.value }))
  const errors = fieldErrorsOf(error)
  const field = (key: string, label: string, input: (props: object) => ReactNode) => {
    const message = messageAt(errors, key === 'name' ? '/body/name' : fieldPath(key))
    const inputId = `${id}-${key}`
    return (
      <div className="st-field">
        <label htmlFor={inputId}>{label}</label>
        {input({ id: inputId, ...errorProps(`${inputId}-error`, message) })}
        <FormError id={`${inputId}-error`} message={message} />
      </div>
    )
  }
  // Errors the inputs show; any other (a conflict, the network) is said below the form.
  const placed = errors.length > 0 && errors.every((e) => PLACED.some((p) => e.path.startsWith(p)))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit(bodyOf(kind, form))
  }
  const editing = channel !== undefined
  const keepSecret = editing && channel.secret_set ? ' (blank: keep the stored one)' : ''
  return (
    <form
      className="panel nt-form"
      onSubmit={submit}
      aria-label={editing ? `Edit channel ${channel.name}` : 'New channel'}
    >
      {editing ? (
        <p className="muted small">{KIND_LABELS[kind]}</p>
      ) : (
        <div className="st-field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as Channel['kind'])}
          >
            <option value="in_app">In the web app</option>
            <option value="slack">Slack</option>
            <option value="email">Email</option>
          </select>
        </div>
      )}
      {field('name', 'Name', (props) => (
        <input {...props} required value={form.name ?? ''} onChange={set('name')} />
      ))}
      {kind === 'slack'
        ? field('webhook_url', `Incoming-webhook URL${keepSecret}`, (props) => (
            <input
              {...props}
              type="password"
              required={!editing}
              autoComplete="off"
              value={form.webhook_url ?? ''}
              onChange={set('webhook_url')}
            />
          ))
        : null}
      {kind === 'email' ? (
        <>
          {field('host', 'SMTP host', (props) => (
            <input {...props} required value={form.host ?? ''} onChange={set('host')} />
          ))}
          {field('port', 'Port', (props) => (
            <input
              {...props}
              type="number"
              required
              value={form.port ?? ''}
              onChange={set('port')}
            />
          ))}
          {field('tls', 'TLS', (props) => (
            <select {...props} value={form.tls} onChange={set('tls')}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">None (local relay)</option>
            </select>
          ))}
          {field('user', 'User', (props) => (
            <input {...props} value={form.user ?? ''} onChange={set('user')} autoComplete="off" />
          ))}
          {field('password', `Password${keepSecret}`, (props) => (
            <input
              {...props}
              type="password"
              value={form.password ?? ''}
              onChange={set('password')}
              autoComplete="new-password"
            />
          ))}
          {field('from', 'From', (props) => (
            <input
              {...props}
              type="email"
              required
              value={form.from ?? ''}
              onChange={set('from')}
            />
          ))}
          {field('recipients', 'Recipients (comma-separated)', (props) => (
            <input {...props} value={form.recipients ?? ''} onChange={set('recipients')} />
          ))}
        </>
      ) : null}
      {error && !placed ? (
        <ErrorNotice
          error={error}
          action={editing ? 'Could not save the channel' : 'Could not add the channel'}
        />
      ) : null}
      <div className="st-form-actions">
        <button type="submit" disabled={pending}>
          {editing ? 'Save channel' : 'Add channel'}
        </button>
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}

const PLACED = ['/body/name', '/body/settings', '/body/webhook_url', '/body/password']

/** Where the API names an input's value: `/body/settings/host`, `/body/webhook_url`. */
function fieldPath(key: string): string {
  return key === 'webhook_url' || key === 'password' ? `/body/${key}` : `/body/settings/${key}`
}

/** The PATCH of an edited channel: its kind is fixed, so the body drops it. */
export function updateOf({ kind: _kind, ...body }: CreateChannelBody): UpdateChannelBody {
  return body
}
