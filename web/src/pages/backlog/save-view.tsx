import { type FormEvent, useState } from 'react'
import { errorMessage } from '../../api'
import { Popover } from './popover'
import type { View, ViewContent } from './view-state'
import { useCreateView } from './views-api'

/** Props of {@link SaveView}. */
export interface SaveViewProps {
  /** What is shown now: the filter, columns and sort to save. */
  content: ViewContent
  /** A name to start from (the queue's, or the view's this one comes from). */
  suggestedName: string
  /** The view was saved: the page opens it. */
  onSaved: (view: View) => void
  /** Whether the columns shown include the on-screen summary, which a view leaves out. */
  dropsSummary: boolean
}

/** "Save view": names what is shown, private or shared with the organization, pinned or not. */
export function SaveView(props: SaveViewProps) {
  return (
    <Popover label="Save view" title="Save as a view" className="save-view">
      {(close) => <SaveForm {...props} close={close} />}
    </Popover>
  )
}

function SaveForm({
  content,
  suggestedName,
  onSaved,
  dropsSummary,
  close,
}: SaveViewProps & { close: () => void }) {
  const [name, setName] = useState(suggestedName)
  const [shared, setShared] = useState(false)
  const [pinned, setPinned] = useState(true)
  const create = useCreateView()

  const save = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { ...content, name: name.trim(), shared, pinned },
      {
        onSuccess: (view) => {
          close()
          onSaved(view)
        },
      },
    )
  }

  return (
    <form className="save-view-form" onSubmit={save}>
      <p className="small muted">The filters, columns and sort shown now.</p>
      <label className="field">
        <span>View name</span>
        <input
          type="text"
          value={name}
          required
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the panel opens for this field
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={shared}
          onChange={(event) => setShared(event.target.checked)}
        />
        Shared with the organization
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={pinned}
          onChange={(event) => setPinned(event.target.checked)}
        />
        Pinned in the sidebar
      </label>
      {dropsSummary ? (
        <p className="muted small">The “Fields” summary column is on screen only: not saved.</p>
      ) : null}
      {create.error ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  )
}
