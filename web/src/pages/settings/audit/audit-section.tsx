import { useState } from 'react'
import { useOrgSettings, useUsers } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { QueryStatus } from '../../../ui/query-status'
import { type AuditFilter, auditExportUrl, auditQuery, NO_FILTER, useAuditPage } from './audit-api'
import { AuditEntry } from './audit-entry'
import './audit-section.css'

/** What the action filter offers: whole kinds, then the actions people look for most. */
const ACTION_CHOICES: { value: string; label: string }[] = [
  { value: 'user', label: 'Users' },
  { value: 'user.updated', label: '  User changed (role, skills, active)' },
  { value: 'user.password_reset', label: '  Password set' },
  { value: 'token', label: 'API tokens' },
  { value: 'queue', label: 'Queues' },
  { value: 'calendar', label: 'Business hours' },
  { value: 'named_calendar', label: 'Calendars' },
  { value: 'settings', label: 'Settings' },
  { value: 'webhook', label: 'Webhooks' },
  { value: 'field', label: 'Fields' },
  { value: 'form', label: 'Forms' },
  { value: 'view', label: 'Shared views' },
  { value: 'automation', label: 'Automations' },
  { value: 'notification_channel', label: 'Notification channels' },
  { value: 'sso', label: 'Single sign-on' },
  { value: 'session', label: 'Sessions' },
  { value: 'auth.signed_in', label: 'Sign-ins' },
  { value: 'auth.sign_in_failed', label: 'Failed sign-ins' },
]

/** One page of entries; the last one loaded offers the next. */
function AuditChunk({
  query,
  cursor,
  isLast,
  onMore,
}: {
  query: Record<string, string>
  cursor: string | null
  isLast: boolean
  onMore: (cursor: string) => void
}) {
  const page = useAuditPage(query, cursor)
  if (!page.data) {
    return (
      <li className="au-status">
        <QueryStatus query={page} loading="Loading the audit log" failed="Could not load the log" />
      </li>
    )
  }
  const next = page.data.meta.next_cursor
  return (
    <>
      {page.data.items.map((event) => (
        <AuditEntry key={event.uid} event={event} />
      ))}
      {isLast && next ? (
        <li className="au-more">
          <button type="button" className="button-secondary" onClick={() => onMore(next)}>
            Load more
          </button>
        </li>
      ) : null}
    </>
  )
}

/** The first page of a filter, to tell an empty log from one still loading. */
function useIsEmpty(query: Record<string, string>): boolean {
  const first = useAuditPage(query, null)
  return first.data?.items.length === 0
}

/** Settings > Audit: who changed the organization's configuration and people, and when. */
export function AuditSection() {
  const users = useUsers()
  const settings = useOrgSettings()
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER)
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const query = auditQuery(filter)
  const empty = useIsEmpty(query)
  const change = (key: keyof AuditFilter) => (event: { target: { value: string } }) => {
    setFilter({ ...filter, [key]: event.target.value })
    setCursors([null])
  }
  const filtered = Object.keys(query).length > 0
  return (
    <section className="st-section" aria-labelledby="audit-title">
      <div className="st-section-header">
        <h2 id="audit-title">Audit log</h2>
        <a className="button-secondary" href={auditExportUrl(query)} download>
          Export CSV
        </a>
      </div>
      <p className="st-lead">
        Every change to users, tokens, queues, business hours, settings, webhooks, fields, forms and
        shared views, and every sign-in, with who made it and from where. Entries cannot be changed
        or deleted; they are kept {settings.data?.audit_retention_days ?? 365} days.
      </p>
      <form
        className="st-form au-filters"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="st-field">
          <label htmlFor="audit-actor">Who</label>
          <select id="audit-actor" value={filter.actor_uid} onChange={change('actor_uid')}>
            <option value="">Anyone</option>
            {(users.data ?? []).map((user) => (
              <option key={user.uid} value={user.uid}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        </div>
        <div className="st-field">
          <label htmlFor="audit-action">What</label>
          <select id="audit-action" value={filter.action} onChange={change('action')}>
            <option value="">Everything</option>
            {ACTION_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="st-field">
          <label htmlFor="audit-after">From</label>
          <input
            id="audit-after"
            type="datetime-local"
            value={filter.occurred_after}
            onChange={change('occurred_after')}
          />
        </div>
        <div className="st-field">
          <label htmlFor="audit-before">Until</label>
          <input
            id="audit-before"
            type="datetime-local"
            value={filter.occurred_before}
            onChange={change('occurred_before')}
          />
        </div>
        {filtered ? (
          <div className="au-clear">
            <button
              type="button"
              className="button-link"
              onClick={() => {
                setFilter(NO_FILTER)
                setCursors([null])
              }}
            >
              Clear filters
            </button>
          </div>
        ) : null}
      </form>
      {empty ? (
        <EmptyState title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}>
          {filtered
            ? 'Widen the time range or clear the filters.'
            : 'Changes show here as they are made.'}
        </EmptyState>
      ) : (
        <ol className="au-list" aria-label="Audit log entries, newest first">
          {cursors.map((cursor, index) => (
            <AuditChunk
              key={cursor ?? 'first'}
              query={query}
              cursor={cursor}
              isLast={index === cursors.length - 1}
              onMore={(next) => setCursors([...cursors, next])}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
