import type { ReactNode } from 'react'
import { confirmAction } from './confirm'

/** Props of {@link ConfirmButton}. */
export interface ConfirmButtonProps {
  /** What the browser asks first: what will happen, and that it cannot be undone. */
  question: string
  onConfirm: () => void
  disabled?: boolean
  children: ReactNode
}

/** A secondary button for an action that cannot be undone: it asks before it acts. */
export function ConfirmButton({ question, onConfirm, disabled, children }: ConfirmButtonProps) {
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={disabled}
      onClick={() => {
        if (confirmAction(question)) {
          onConfirm()
        }
      }}
    >
      {children}
    </button>
  )
}
