import { safeUrl } from '../../ui/safe-url'

/** The name of the one browser tab the player shows back-office pages in. */
const TAB_NAME = 'tessera-task'

/** A tab reserved during a click, then shown the next task's url once the API answers. */
export interface TaskTab {
  /** Shows the task's url there; closes a tab opened for nothing. */
  show: (url: unknown) => void
}

function isBlank(tab: Window): boolean {
  try {
    return tab.location.href === 'about:blank'
  } catch {
    // A back-office page of another origin, from the previous task: keep it.
    return false
  }
}

/**
 * Reserves the player's tab now, while the click or key press still counts as the user's
 * (browsers block a window.open made after an await), and reuses one named tab so that
 * playing a hundred tasks does not leave a hundred tabs. `opener` is cut so the back-office
 * page cannot script the app.
 */
export function reserveTaskTab(): TaskTab {
  const tab = window.open('', TAB_NAME)
  if (tab) {
    tab.opener = null
  }
  return {
    show(url) {
      const href = safeUrl(url)
      if (!tab) {
        // Popups blocked: the task page's "Open in back office" link still works.
        return
      }
      if (href) {
        tab.location.href = href
      } else if (isBlank(tab)) {
        tab.close()
      }
    },
  }
}
