import type { AuditEvent } from '../../../api'
import { formatDateTime } from '../../../ui/format'

const KIND_LABELS: Record<string, string> = {
  auth: 'Sign-in',
  user: 'User',
  token: 'API token',
  queue: 'Queue',
  calendar: 'Business hours',
  named_calendar: 'Calendar',
  session: 'Session',
  automation: 'Automation',
  notification_channel: 'Notification channel',
  settings: 'Settings',
  webhook: 'Webhook',
  field: 'Field',
  form: 'Form',
  view: 'Shared view',
  sso: 'Single sign-on',
}

const ACTION_LABELS: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'user.password_reset': 'Password set',
  'token.issued': 'API token created',
  'calendar.replaced': 'Business hours changed',
  'settings.updated': 'Settings changed',
  'webhook.secret_rotated': 'Webhook secret rotated',
  'user.signed_out': 'Signed out everywhere',
}

/** "Queue updated" for `queue.updated`; the few that read better otherwise are named. */
export function actionLabel(action: string): string {
  const named = ACTION_LABELS[action]
  if (named) {
    return named
  }
  const [kind = action, verb = ''] = action.split('.')
  return `${KIND_LABELS[kind] ?? kind} ${verb.replaceAll('_', ' ')}`.trim()
}

/** Who acted, in words: their email, or what acted when no one was signed in. */
export function actorLabel(actor: AuditEvent['actor']): string {
  switch (actor.kind) {
    case 'cli':
      return 'tessera command line'
    case 'system':
      return 'Tessera'
    case 'anonymous':
      return actor.email ? `${actor.email} (not signed in)` : 'Someone not signed in'
    case 'token':
      return `${actor.email ?? actor.user_uid ?? 'Unknown'} (API token)`
    default:
      return actor.email ?? actor.user_uid ?? 'Unknown'
  }
}

/** What was changed: its name when the entry shows one, else its kind and uid. */
function objectLabel(event: AuditEvent): string {
  const named = event.object.name
  const kind = KIND_LABELS[event.object.kind] ?? event.object.kind
  if (named) {
    return `${kind} “${named}”`
  }
  return event.object.uid ? `${kind} ${event.object.uid.slice(0, 8)}` : kind
}

function shown(value: unknown): string {
  if (value === undefined) {
    return ''
  }
  if (value === null) {
    return '—'
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The keys an entry names, with their old and new values side by side. */
function ChangesTable({ changes }: { changes: AuditEvent['changes'] }) {
  const keys = [
    ...new Set([...Object.keys(changes.before ?? {}), ...Object.keys(changes.after ?? {})]),
  ]
  if (keys.length === 0) {
    return <p className="au-none">No details.</p>
  }
  return (
    <div className="table-scroll">
      <table className="au-changes">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {changes.before ? <th scope="col">Before</th> : null}
            {changes.after ? <th scope="col">After</th> : null}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              {changes.before ? <td className="au-before">{shown(changes.before[key])}</td> : null}
              {changes.after ? <td className="au-after">{shown(changes.after[key])}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One entry: a summary line that opens onto what changed and where the request came from. */
export function AuditEntry({ event }: { event: AuditEvent }) {
  return (
    <li className="au-entry" data-testid="audit-entry" data-action={event.action}>
      <details>
        <summary>
          <span className="au-action">{actionLabel(event.action)}</span>
          <span className="au-object">{objectLabel(event)}</span>
          <span className="au-actor">{actorLabel(event.actor)}</span>
          <time className="au-time" dateTime={event.occurred_at}>
            {formatDateTime(event.occurred_at)}
          </time>
        </summary>
        <div className="au-details">
          <ChangesTable changes={event.changes} />
          <dl className="au-meta">
            {event.actor.token_uid ? (
              <div>
                <dt>API token</dt>
                <dd>
                  <code>{event.actor.token_uid}</code>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Request</dt>
              <dd>
                <code>{event.request_id ?? '—'}</code>
              </dd>
            </div>
            <div>
              <dt>Address</dt>
              <dd>
                <code>{event.ip ?? '—'}</code>
              </dd>
            </div>
            {event.object.uid ? (
              <div>
                <dt>Object</dt>
                <dd>
                  <code>{event.object.uid}</code>
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      </details>
    </li>
  )
}
