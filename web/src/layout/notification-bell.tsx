import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { queryKeys, unwrap, useApiMutation, useApiQuery } from '../api'
import './notification-bell.css'

/** How often the bell looks for new items: the API has no live event for them yet. */
const POLL_MS = 30_000

/** The header's bell: the unread count, and a panel of the newest items to read and open. */
export function NotificationBell() {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const list = useApiQuery(
    queryKeys.notifications,
    (api, signal) =>
      unwrap(api.GET('/notifications', { params: { query: { limit: 20 } }, signal })),
    { refetchInterval: POLL_MS },
  )
  const markRead = useApiMutation(
    (api, body: { uids: string[] } | { all: true }) =>
      unwrap(api.POST('/notifications/read', { body })),
    { invalidates: [queryKeys.notifications] },
  )

  useEffect(() => {
    if (!open) {
      return
    }
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false)
      }
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [open])

  const unread = list.data?.unread_count ?? 0
  const items = list.data?.items ?? []
  return (
    <div className="notification-bell" ref={root}>
      <button
        type="button"
        className="button-secondary bell-button"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" className="bell-icon">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id="notification-panel" className="bell-panel" aria-label="Notifications">
          <header className="bell-panel-head">
            <h2>Notifications</h2>
            <button
              type="button"
              className="button-link"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          </header>
          {list.isError ? <p className="muted">Could not load your notifications.</p> : null}
          {list.isSuccess && items.length === 0 ? <p className="muted">Nothing yet.</p> : null}
          <ul className="bell-items">
            {items.map((item) => (
              <li key={item.uid} className={item.read_at ? 'read' : 'unread'}>
                <div className="bell-item-text">
                  <strong>{item.subject}</strong>
                  {item.body ? <span>{item.body}</span> : null}
                  <time dateTime={item.created_at} className="muted">
                    {new Date(item.created_at).toLocaleString()}
                  </time>
                  {item.task_uid ? (
                    <Link
                      to={`/tasks/${item.task_uid}`}
                      onClick={() => {
                        setOpen(false)
                        if (!item.read_at) {
                          markRead.mutate({ uids: [item.uid] })
                        }
                      }}
                    >
                      Open the task
                    </Link>
                  ) : null}
                </div>
                {item.read_at ? null : (
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Mark "${item.subject}" read`}
                    onClick={() => markRead.mutate({ uids: [item.uid] })}
                  >
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
