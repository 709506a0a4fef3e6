import { useEffect, useRef } from 'react'

/** What the player can be told to do. */
export type PlayerCommand = 'complete' | 'next' | 'pause' | 'skip' | 'stop'

/** The key of each command, documented on screen. */
export const SHORTCUTS: Record<PlayerCommand, string> = {
  complete: 'c',
  next: 'n',
  pause: 'p',
  skip: 's',
  stop: 'x',
}

const BY_KEY = new Map(
  Object.entries(SHORTCUTS).map(([command, key]) => [key, command as PlayerCommand]),
)

/** The parts of a key press that decide whether it is a shortcut. */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  repeat?: boolean
  target: EventTarget | null
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') {
    return false
  }
  const element = target as HTMLElement
  return (
    element.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName.toUpperCase())
  )
}

/**
 * The command a key press means, or null: letters typed into a field (a skip reason, the
 * search bar) and combinations with Ctrl, Cmd or Alt (browser shortcuts) are not commands.
 */
export function commandForKey(press: KeyPress): PlayerCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat || isTyping(press.target)) {
    return null
  }
  return BY_KEY.get(press.key.toLowerCase()) ?? null
}

/** Calls `onCommand` for each shortcut pressed anywhere on the page while `enabled`. */
export function usePlayerShortcuts(
  onCommand: (command: PlayerCommand) => void,
  enabled: boolean,
): void {
  // The latest handler, without re-subscribing on every render.
  const handler = useRef(onCommand)
  handler.current = onCommand
  useEffect(() => {
    if (!enabled) {
      return
    }
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event)
      if (command) {
        event.preventDefault()
        handler.current(command)
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
