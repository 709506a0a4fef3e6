import { type FormEvent, useState } from 'react'
import { Link } from 'react-router-dom'
import { type Account, errorMessage, type User } from '../../api'
import { formatCount } from '../../ui/format'
import { Popover } from './popover'
import type { View } from './view-state'
import { viewHref } from './view-state'
import { canEditView, useDeleteView, useUpdateView } from './views-api'

/** Props of {@link ViewMenu}. */
export interface ViewMenuProps {
  views: View[]
  account: Account
  users: ReadonlyMap<string, User>
  limit: number
  /** Called after the open view was deleted: the page leaves it. */
  onDeleted: (uid: string) => void
}

/**
 * Every view the reader can open (their own and the shared ones), to open, rename, pin,
 * share or delete: changes to a shared view are for its owner and admins, as the API rules.
 */
export function ViewMenu(props: ViewMenuProps) {
  return (
    <Popover label="Views" title="Saved views" className="view-menu">
      {(close) => <ViewList {...props} close={close} />}
    </Popover>
  )
}

function ViewList({
  views,
  account,
  users,
  limit,
  onDeleted,
  close,
}: ViewMenuProps & { close: () => void }) {
  const update = useUpdateView()
  const remove = useDeleteView()
  const [renaming, setRenaming] = useState<string | null>(null)
  const [name, setName] = useState('')
  const failure = update.error ?? remove.error

  const rename = (event: FormEvent, view: View) => {
    event.preventDefault()
    if (name.trim()) {
      update.mutate(
        { uid: view.uid, body: { name: name.trim() } },
        { onSuccess: () => setRenaming(null) },
      )
    }
  }
  const owner = (view: View) =>
    view.owner_uid === account.user.uid ? 'you' : (users.get(view.owner_uid)?.name ?? 'someone')

  if (views.length === 0) {
    return (
      <p className="muted small">
        No saved views yet: filter, choose columns and sort, then “Save view”.
      </p>
    )
  }
  return (
    <div className="view-panel">
      {failure ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(failure)}
        </p>
      ) : null}
      <ul className="view-list">
        {views.map((view) => {
          const editable = canEditView(view, account)
          return (
            <li key={view.uid} className="view-item">
              {renaming === view.uid ? (
                <form className="view-rename" onSubmit={(event) => rename(event, view)}>
                  <label className="field">
                    <span className="visually-hidden">New name of {view.name}</span>
                    <input
                      type="text"
                      value={name}
                      maxLength={200}
                      // biome-ignore lint/a11y/noAutofocus: the field the reader just asked for
                      autoFocus
                      onChange={(event) => setName(event.target.value)}
                    />
                  </label>
                  <button type="submit" className="button-secondary" disabled={update.isPending}>
                    Rename
                  </button>
                  <button type="button" className="button-link" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <Link to={viewHref(view, limit)} className="view-open" onClick={close}>
                  {view.name}
                </Link>
              )}
              <span className="muted small">
                {view.shared ? 'Shared' : 'Private'} · by {owner(view)}
                {view.pinned ? ' · pinned' : ''}
                {view.count === undefined ? '' : ` · ${formatCount(view.count)} tasks`}
              </span>
              {editable && renaming !== view.uid ? (
                <span className="view-actions">
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Rename ${view.name}`}
                    onClick={() => {
                      setName(view.name)
                      setRenaming(view.uid)
                    }}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`${view.pinned ? 'Unpin' : 'Pin'} ${view.name}`}
                    onClick={() => update.mutate({ uid: view.uid, body: { pinned: !view.pinned } })}
                  >
                    {view.pinned ? 'Unpin' : 'Pin'}
                  </button>
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`${view.shared ? 'Make private' : 'Share'} ${view.name}`}
                    onClick={() => update.mutate({ uid: view.uid, body: { shared: !view.shared } })}
                  >
                    {view.shared ? 'Make private' : 'Share'}
                  </button>
                  <button
                    type="button"
                    className="button-link danger"
                    aria-label={`Delete ${view.name}`}
                    onClick={() => {
                      if (window.confirm(`Delete the view “${view.name}”?`)) {
                        remove.mutate(view.uid, { onSuccess: () => onDeleted(view.uid) })
                      }
                    }}
                  >
                    Delete
                  </button>
                </span>
              ) : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
