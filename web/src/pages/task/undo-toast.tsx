import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api'

/** How long a change can be undone from its toast; the timer waits while it is hovered or focused. */
export const UNDO_MS = 8000

/** A change just made that one click can take back. */
export interface Undoable {
  /** What was done: "Status changed to Done." */
  message: string
  /** Puts back what was there before. */
  undo: () => Promise<unknown>
  /** Said once undone: "Status set back to To do." */
  undone: string
}

type Phase = 'shown' | 'undoing' | 'undone' | 'failed'

function ToastBody({ undoable, onClose }: { undoable: Undoable; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>('shown')
  const [failure, setFailure] = useState<string | null>(null)
  const [held, setHeld] = useState(false)
  const close = useRef(onClose)
  close.current = onClose

  useEffect(() => {
    if (held || phase === 'undoing') {
      return
    }
    const timer = setTimeout(() => close.current(), UNDO_MS)
    return () => clearTimeout(timer)
  }, [held, phase])

  const undo = async () => {
    setPhase('undoing')
    try {
      await undoable.undo()
      setPhase('undone')
    } catch (error) {
      setFailure(errorMessage(error))
      setPhase('failed')
    }
  }

  const open = phase === 'shown' || phase === 'undoing'
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hovering only holds the timer; nothing is activated
    <div
      className={phase === 'failed' ? 'toast toast-failed' : 'toast'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="toast-message">
        {open ? undoable.message : null}
        {phase === 'undone' ? undoable.undone : null}
        {phase === 'failed' ? `Could not undo: ${failure}` : null}
      </span>
      {open ? (
        <button
          type="button"
          className="toast-undo"
          disabled={phase === 'undoing'}
          onClick={() => void undo()}
        >
          {phase === 'undoing' ? 'Undoing…' : 'Undo'}
        </button>
      ) : null}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  )
}

/** Props of {@link UndoToast}. */
export interface UndoToastProps {
  /** The last change, numbered: a new number starts a fresh toast. */
  undoable: (Undoable & { id: number }) | null
  onClose: () => void
}

/**
 * The toast of the last change of the task page, with its Undo button, for a few seconds
 * (longer while the pointer or focus is on it, so nobody loses it while reaching for it).
 * Announced politely: its region is always in the page.
 */
export function UndoToast({ undoable, onClose }: UndoToastProps) {
  return (
    <div className="toast-region" role="status">
      {undoable ? <ToastBody key={undoable.id} undoable={undoable} onClose={onClose} /> : null}
    </div>
  )
}
