/**
 * Asks before an action that cannot be undone. The browser's own dialog is accessible,
 * blocks everything else, and needs no focus management of ours.
 */
export function confirmAction(question: string): boolean {
  return window.confirm(question)
}
