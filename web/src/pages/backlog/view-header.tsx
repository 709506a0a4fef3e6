import { Link } from 'react-router-dom'
import { type Account, errorMessage, type User } from '../../api'
import { sameContent, type View, type ViewContent, viewHref } from './view-state'
import { canEditView, useUpdateView } from './views-api'

/** Props of {@link ViewHeader}. */
export interface ViewHeaderProps {
  /** The open view; null when it is not (or no longer) one the reader can see. */
  view: View | null
  /** Whether the views are loaded (else `view` null means "not yet"). */
  loaded: boolean
  /** What is shown now. */
  content: ViewContent
  account: Account
  users: ReadonlyMap<string, User>
  limit: number
  onLeave: () => void
}

/**
 * Under the title of an open view: whose it is, whether it is shared, and, once the filters,
 * columns or sort differ from what it holds, a way to save them into it or go back to it.
 */
export function ViewHeader({
  view,
  loaded,
  content,
  account,
  users,
  limit,
  onLeave,
}: ViewHeaderProps) {
  const update = useUpdateView()
  if (!view) {
    return loaded ? (
      <p className="view-line muted">
        This saved view is private to someone else or was deleted; the address still holds what it
        showed.{' '}
        <button type="button" className="button-link" onClick={onLeave}>
          Leave it
        </button>
      </p>
    ) : null
  }
  const changed = !sameContent(content, view)
  const owner =
    view.owner_uid === account.user.uid ? 'you' : (users.get(view.owner_uid)?.name ?? 'someone')
  return (
    <div className="view-line">
      <span className="muted">
        Saved view · {view.shared ? 'shared with the organization' : 'private'} · by {owner}
      </span>
      {changed ? (
        <>
          <span className="view-changed">Changed since saved</span>
          {canEditView(view, account) ? (
            <button
              type="button"
              className="button-secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ uid: view.uid, body: content })}
            >
              Save changes
            </button>
          ) : null}
          <Link className="button-link" to={viewHref(view, limit)}>
            Revert
          </Link>
        </>
      ) : null}
      <button type="button" className="button-link" onClick={onLeave}>
        Leave view
      </button>
      {update.error ? (
        <span className="notice-error" role="alert">
          {errorMessage(update.error)}
        </span>
      ) : null}
    </div>
  )
}
