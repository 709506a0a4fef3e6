import { ErrorNotice } from '../../../ui/error-notice'

/**
 * The end of a settings editor (a queue, a field, a form): what went wrong when the server
 * refused the save, and Save / Cancel. `invalid` says some fields above are marked wrong;
 * `unplaced` is an error that belongs to no field (a conflict, the network), shown whole.
 */
export function EditorFooter({
  noun,
  isNew,
  pending,
  invalid,
  unplaced,
  onCancel,
}: {
  noun: string
  isNew: boolean
  pending: boolean
  invalid: boolean
  unplaced: Error | null
  onCancel: () => void
}) {
  return (
    <>
      {unplaced ? <ErrorNotice error={unplaced} action={`Could not save the ${noun}`} /> : null}
      {invalid ? (
        <p className="st-field-error" role="alert">
          The {noun} was not saved: fix what is marked above.
        </p>
      ) : null}
      <div className="st-form-actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {isNew ? `Create ${noun}` : `Save ${noun}`}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  )
}
