import { safeUrl } from '../../ui/safe-url'

/** The task's `url` (its page in the back office), opened in a new tab. */
export function BackOfficeLink({ url }: { url: unknown }) {
  const href = safeUrl(url)
  if (!href) {
    return <span className="muted small">No back-office link</span>
  }
  return (
    <a className="button-primary" href={href} target="_blank" rel="noopener noreferrer">
      Open in back office
      <span className="visually-hidden"> (opens in a new tab)</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  )
}
