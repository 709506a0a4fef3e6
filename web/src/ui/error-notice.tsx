import { errorMessage } from '../api'

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  error: unknown
  /** What was being done, to start the sentence: "Could not load the tasks". */
  action?: string
  onRetry?: () => void
}

/** A failed call, said plainly, with a retry when one makes sense. */
export function ErrorNotice({ error, action, onRetry }: ErrorNoticeProps) {
  return (
    <div className="notice notice-error" role="alert">
      <p>
        {action ? <strong>{action}. </strong> : null}
        {errorMessage(error)}
      </p>
      {onRetry ? (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}
