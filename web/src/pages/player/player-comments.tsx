import type { KeyboardEvent } from 'react'
import { TaskComments } from '../task/task-comments'

/**
 * Keys of the comment box in the player: Ctrl+Enter (⌘+Enter) posts, Escape leaves the box so
 * that letters are the player's shortcuts again. Letters typed in it are never shortcuts
 * (`commandForKey` ignores text fields), so a comment may say "cancel" without completing.
 */
export function onTextBoxKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target as HTMLElement
  if (target.tagName !== 'TEXTAREA' && target.tagName !== 'INPUT') {
    return
  }
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault()
    target.closest('form')?.requestSubmit()
  } else if (event.key === 'Escape') {
    target.blur()
  }
}

/** The comments of the task in progress, with a comment box made for the keyboard. */
export function PlayerComments({ taskUid }: { taskUid: string }) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens to keys typed in the box within
    <div className="player-comments" onKeyDown={onTextBoxKeyDown}>
      <TaskComments taskUid={taskUid} />
    </div>
  )
}
