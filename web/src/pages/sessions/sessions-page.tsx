import { type Schema, unwrap, useApiMutation, useApiQuery } from '../../api'
import { usePageTitle } from '../../layout/use-page-title'
import { ErrorNotice } from '../../ui/error-notice'
import { formatDateTime } from '../../ui/format'
import { QueryStatus } from '../../ui/query-status'
import './sessions.css'

type SessionInfo = Schema<'SessionInfo'>

const SESSIONS_KEY = ['sessions'] as const

/** A browser's name from its user agent, enough to tell one's own devices apart. */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) {
    return 'Unknown browser'
  }
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null
  return browser && system ? `${browser} on ${system}` : userAgent.slice(0, 60)
}

/** Your sessions: where you are signed in to the web app, each of which you may end. */
export function SessionsPage() {
  usePageTitle('Your sessions')
  const sessions = useApiQuery(
    SESSIONS_KEY,
    async (api) => (await unwrap(api.GET('/sessions'))).items,
  )
  const end = useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/sessions/{uid}', { params: { path: { uid } } })),
    { invalidates: [SESSIONS_KEY] },
  )
  return (
    <div className="page">
      <header className="page-header">
        <h1>Your sessions</h1>
      </header>
      <p className="muted">
        Where you are signed in to Tessera. End a session you do not recognise: that browser is
        signed out at once. An admin can sign you out everywhere.
      </p>
      <QueryStatus
        query={sessions}
        loading="Loading your sessions"
        failed="Could not load your sessions"
      />
      {end.error ? <ErrorNotice error={end.error} action="Could not end the session" /> : null}
      {sessions.data ? (
        <table className="sessions-table">
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session: SessionInfo) => (
              <tr key={session.uid}>
                <td>
                  {deviceOf(session.user_agent)}
                  {session.current ? (
                    <span className="sessions-current"> · this browser</span>
                  ) : null}
                </td>
                <td>
                  {formatDateTime(session.created_at)}{' '}
                  <span className="muted">
                    ({session.method === 'sso' ? 'single sign-on' : 'password'})
                  </span>
                </td>
                <td>{formatDateTime(session.last_seen_at)}</td>
                <td>{session.ip ?? '—'}</td>
                <td>
                  {session.current ? null : (
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={end.isPending && end.variables === session.uid}
                      onClick={() => end.mutate(session.uid)}
                    >
                      End
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
