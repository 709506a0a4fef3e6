import type { ReactNode } from 'react'

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title: string
  children?: ReactNode
}

/** What to show where a list has nothing: a title and what the reader can do about it. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  )
}
