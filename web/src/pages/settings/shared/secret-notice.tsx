import type { ReactNode } from 'react'
import { CopyButton } from './copy-button'

export interface SecretNoticeProps {
  title: string
  secret: string
  testId: string
  children?: ReactNode
  onDismiss: () => void
}

/**
 * A secret the server shows only once (it keeps a hash): displayed until dismissed, with a
 * Copy button, and said plainly that it will not be shown again.
 */
export function SecretNotice({ title, secret, testId, children, onDismiss }: SecretNoticeProps) {
  return (
    <section className="notice st-secret" aria-label={title}>
      <p>
        <strong>{title}</strong> Copy it now: it will not be shown again.
      </p>
      {children}
      <div className="st-secret-row">
        <code data-testid={testId} className="st-secret-value">
          {secret}
        </code>
        <CopyButton text={secret} />
        <button type="button" className="button-secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  )
}
