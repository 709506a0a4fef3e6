import { useState } from 'react'
import { queryKeys, type Schema, unwrap, useApiMutation, useApiQuery } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { QueryStatus } from '../../../ui/query-status'
import { ConfirmButton } from '../shared/confirm-button'
import {
  ChannelForm,
  type CreateChannelBody,
  KIND_LABELS,
  type UpdateChannelBody,
  updateOf,
} from './channel-form'
import './notifications-section.css'

type TestResult = Schema<'NotificationChannelTestResult'>
const byUid = (uid: string) => ({ params: { path: { uid } } })
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never')

/** Settings > Notifications: where notifications go, each channel's health and a test. */
export function NotificationsSection() {
  const channels = useApiQuery(
    queryKeys.notificationChannels,
    async (api) => (await unwrap(api.GET('/notification-channels'))).items,
  )
  const [results, setResults] = useState<Record<string, TestResult>>({})
  // The channel whose edit form is open, in place of its buttons.
  const [editing, setEditing] = useState<string | null>(null)
  // A new key gives the New channel form fresh inputs once one was added.
  const [added, setAdded] = useState(0)
  const invalidates = [queryKeys.notificationChannels]
  const create = useApiMutation(
    (api, body: CreateChannelBody) => unwrap(api.POST('/notification-channels', { body })),
    { invalidates, onSuccess: () => setAdded((count) => count + 1) },
  )
  const edit = useApiMutation(
    (api, { uid, body }: { uid: string; body: UpdateChannelBody }) =>
      unwrap(api.PATCH('/notification-channels/{uid}', { ...byUid(uid), body })),
    { invalidates, onSuccess: () => setEditing(null) },
  )
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
      <ChannelForm
        key={added}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body)}
      />
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
            {editing === channel.uid ? (
              <ChannelForm
                channel={channel}
                pending={edit.isPending}
                error={edit.error}
                onSubmit={(body) => edit.mutate({ uid: channel.uid, body: updateOf(body) })}
                onCancel={() => {
                  edit.reset()
                  setEditing(null)
                }}
              />
            ) : null}
            <div className="nt-actions" hidden={editing === channel.uid}>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  edit.reset()
                  setEditing(channel.uid)
                }}
              >
                Edit<span className="visually-hidden"> {channel.name}</span>
              </button>
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
              <ConfirmButton
                question={`Delete the channel "${channel.name}"? Rules that notify through it stop doing so.`}
                onConfirm={() => remove.mutate(channel.uid)}
              >
                Delete<span className="visually-hidden"> {channel.name}</span>
              </ConfirmButton>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
