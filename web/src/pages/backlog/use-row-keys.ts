import { useEffect, useRef } from 'react'

/** What {@link useRowKeys} acts on. */
export interface RowKeys {
  /** The rows of the page, in order. */
  uids: readonly string[]
  focusedUid: string | null
  /** `x`: select or unselect the row; absent when the reader cannot select. */
  onToggle?: (uid: string) => void
  /** `Enter`: open the row's task. */
  onOpen: (uid: string) => void
}

const TEXT_INPUTS = new Set([
  'text',
  'search',
  'email',
  'number',
  'url',
  'tel',
  'password',
  'date',
  'datetime-local',
  'time',
])

/** Whether keys typed at `target` are text for it, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false
  }
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true
  }
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type)
}

/** The row `step` rows away from the focused one, staying on the page. */
export function nextRow(
  uids: readonly string[],
  focused: string | null,
  step: number,
): string | null {
  if (uids.length === 0) {
    return null
  }
  const at = focused === null ? -1 : uids.indexOf(focused)
  if (at < 0) {
    return step > 0 ? (uids[0] ?? null) : (uids[uids.length - 1] ?? null)
  }
  return uids[Math.min(uids.length - 1, Math.max(0, at + step))] ?? null
}

function focusRow(uid: string) {
  const row = document.querySelector<HTMLTableRowElement>(`tr[data-uid="${CSS.escape(uid)}"]`)
  row?.focus()
  row?.scrollIntoView({ block: 'nearest' })
}

/**
 * The backlog's keys, as in Gmail or Linear: `j`/`k` move to the next or previous row, `x`
 * selects the row, `Enter` opens its task. Keys typed into a field are left alone.
 */
export function useRowKeys(keys: RowKeys): void {
  // The listener is added once; it reads the latest rows through this.
  const latest = useRef(keys)
  latest.current = keys
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        isTyping(event.target)
      ) {
        return
      }
      const { uids, focusedUid, onToggle, onOpen } = latest.current
      if (event.key === 'j' || event.key === 'k') {
        const target = nextRow(uids, focusedUid, event.key === 'j' ? 1 : -1)
        if (target) {
          event.preventDefault()
          focusRow(target)
        }
      } else if (event.key === 'x' && onToggle && focusedUid && uids.includes(focusedUid)) {
        event.preventDefault()
        onToggle(focusedUid)
      } else if (
        event.key === 'Enter' &&
        focusedUid &&
        uids.includes(focusedUid) &&
        // A link or button on the row does what Enter means to it; a checkbox does nothing.
        (event.target instanceof HTMLTableRowElement ||
          (event.target instanceof HTMLInputElement && event.target.type === 'checkbox'))
      ) {
        event.preventDefault()
        onOpen(focusedUid)
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
}
