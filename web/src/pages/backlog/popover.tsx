import { type ReactNode, useEffect, useId, useRef, useState } from 'react'

/** Props of {@link Popover}. */
export interface PopoverProps {
  /** The button's text. */
  label: string
  /** The panel's accessible name (default: the label). */
  title?: string
  className?: string
  /** The panel's content; `close` folds it away (after an action). */
  children: (close: () => void) => ReactNode
  align?: 'start' | 'end'
}

/**
 * A button that unfolds a panel below it (the backlog's Columns, Views, Save and Export).
 * Escape or a click elsewhere folds it, and focus goes back to the button.
 */
export function Popover({ label, title, className, children, align = 'end' }: PopoverProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) {
      return
    }
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) {
        setOpen(false)
      }
    }
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false)
        button.current?.focus()
      }
    }
    document.addEventListener('mousedown', outside)
    document.addEventListener('keydown', onEscape)
    return () => {
      document.removeEventListener('mousedown', outside)
      document.removeEventListener('keydown', onEscape)
    }
  }, [open])

  const close = () => {
    setOpen(false)
    button.current?.focus()
  }

  return (
    <div className={className ? `popover ${className}` : 'popover'} ref={root}>
      <button
        ref={button}
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open ? (
        <section
          id={panelId}
          className={`popover-panel popover-${align}`}
          aria-label={title ?? label}
        >
          {children(close)}
        </section>
      ) : null}
    </div>
  )
}
