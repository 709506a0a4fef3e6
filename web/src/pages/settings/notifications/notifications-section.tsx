import { type FormEvent, useState } from 'react'
import { queryKeys, type Schema, unwrap, useApiMutation, useApiQuery } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import './notifications-section.css'

type Channel = Schema<'NotificationChannel'>
type CreateBody = Schema<'CreateNotificationChannelBody'>
type TestResult = Schema<'NotificationChannelTestResult'>

const KIND_LABELS: Record<Channel['kind'], string> = {
  slack: 'Slack',
  email: 'Email',
  in_app: 'In the web app',
}
const byUid = (uid: string) => ({ params: { path: { uid } } })
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never')

/** Settings > Notifications: where notifications go, each channel's health and a test. */
export function NotificationsSection() {
  const channels = useApiQuery(
    queryKeys.notificationChannels,
    async (api) => (await unwrap(api.GET('/notification-channels'))).items,
  )
  const [results, setResults] = useState<Record<string, TestResult>>({})
  const invalidates = [queryKeys.notificationChannels]
  const test = useApiMutation(
    (api, uid: string) => unwrap(api.POST('/notification-channels/{uid}/test', byUid(uid))),
    {
      invalidates: [queryKeys.notifications],
      onSuccess: (result, uid) => setResults((old) => ({ ...old, [uid]: result })),
    },
  )
  const resume = useApiMutation(
    (api, uid: string) => unwrap(api.POST('/notification-channels/{uid}/resume', byUid(uid))),
    { invalidates },
  )
  const toggle = useApiMutation(
    (api, { uid, active }: { uid: string; active: boolean }) =>
      unwrap(api.PATCH('/notification-channels/{uid}', { ...byUid(uid), body: { active } })),
    { invalidates },
  )
  const remove = useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/notification-channels/{uid}', byUid(uid))),
    { invalidates },
  )
  const failure = test.error ?? resume.error ?? toggle.error ?? remove.error
  return (
    <section className="st-section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p className="st-lead">
        Channels that automations and admins send notifications through. Webhook URLs and passwords
        are kept sealed and never shown again.
      </p>
      <CreateChannelForm />
      {failure ? <ErrorNotice error={failure} action="Could not change the channel" /> : null}
      <QueryStatus query={channels} loading="Loading channels" failed="Could not load channels" />
      {channels.data?.length === 0 ? (
        <EmptyState title="No channels yet">Add one above.</EmptyState>
      ) : null}
      <ul className="nt-channels">
        {(channels.data ?? []).map((channel) => (
          <li key={channel.uid} className="panel" data-testid="notification-channel">
            <strong>{channel.name}</strong> · {KIND_LABELS[channel.kind]} ·{' '}
            <span data-testid="channel-state">{channel.health.state}</span>
            {channel.kind !== 'in_app' ? (
              <p className="muted">
                Last success: {when(channel.health.last_success_at)}
                {channel.health.last_error
                  ? ` · Last error (${when(channel.health.last_error_at)}): ${channel.health.last_error}`
                  : ''}
                {channel.health.paused_at ? ` · Paused ${when(channel.health.paused_at)}` : ''}
              </p>
            ) : null}
            {results[channel.uid] ? (
              <p role="status">
                {results[channel.uid]?.delivered
                  ? 'Test sent.'
                  : `Test failed: ${results[channel.uid]?.error}`}
              </p>
            ) : null}
            <div className="nt-actions">
              <button
                type="button"
                className="button-secondary"
                onClick={() => test.mutate(channel.uid)}
                disabled={test.isPending}
              >
                Send test
              </button>
              {channel.health.state === 'paused' ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => resume.mutate(channel.uid)}
                >
                  Resume
                </button>
              ) : null}
              <button
                type="button"
                className="button-secondary"
                onClick={() => toggle.mutate({ uid: channel.uid, active: !channel.active })}
              >
                {channel.active ? 'Turn off' : 'Turn on'}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => remove.mutate(channel.uid)}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The form for a new channel: its fields change with the kind. */
function CreateChannelForm() {
  const [kind, setKind] = useState<Channel['kind']>('in_app')
  const [form, setForm] = useState<Record<string, string>>({ tls: 'starttls', port: '587' })
  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [key]: event.target.value }))
  const create = useApiMutation(
    (api, body: CreateBody) => unwrap(api.POST('/notification-channels', { body })),
    {
      invalidates: [queryKeys.notificationChannels],
      onSuccess: () => setForm({ tls: 'starttls', port: '587' }),
    },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body: CreateBody = { kind, name: form.name ?? '' }
    if (kind === 'slack') {
      body.webhook_url = form.webhook_url ?? ''
    }
    if (kind === 'email') {
      body.settings = {
        host: form.host ?? '',
        port: Number(form.port),
        tls: (form.tls ?? 'starttls') as 'none' | 'starttls' | 'tls',
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
    create.mutate(body)
  }
  return (
    <form className="panel nt-form" onSubmit={submit} aria-label="New channel">
      <label>
        Kind
        <select value={kind} onChange={(event) => setKind(event.target.value as Channel['kind'])}>
          <option value="in_app">In the web app</option>
          <option value="slack">Slack</option>
          <option value="email">Email</option>
        </select>
      </label>
      <label>
        Name
        <input required value={form.name ?? ''} onChange={set('name')} />
      </label>
      {kind === 'slack' ? (
        <label>
          Incoming-webhook URL
          <input
            type="password"
            required
            autoComplete="off"
            value={form.webhook_url ?? ''}
            onChange={set('webhook_url')}
          />
        </label>
      ) : null}
      {kind === 'email' ? (
        <>
          <label>
            SMTP host
            <input required value={form.host ?? ''} onChange={set('host')} />
          </label>
          <label>
            Port
            <input type="number" required value={form.port ?? ''} onChange={set('port')} />
          </label>
          <label>
            TLS
            <select value={form.tls} onChange={set('tls')}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">None (local relay)</option>
            </select>
          </label>
          <label>
            User
            <input value={form.user ?? ''} onChange={set('user')} autoComplete="off" />
          </label>
          <label>
            Password
            <input
              type="password"
              value={form.password ?? ''}
              onChange={set('password')}
              autoComplete="new-password"
            />
          </label>
          <label>
            From
            <input type="email" required value={form.from ?? ''} onChange={set('from')} />
          </label>
          <label>
            Recipients (comma-separated)
            <input value={form.recipients ?? ''} onChange={set('recipients')} />
          </label>
        </>
      ) : null}
      {create.error ? (
        <ErrorNotice error={create.error} action="Could not add the channel" />
      ) : null}
      <button type="submit" disabled={create.isPending}>
        Add channel
      </button>
    </form>
  )
}
