import { safeUrl } from '../../ui/safe-url'

/** The name of the one browser tab the player shows back-office pages in. */
const TAB_NAME = 'tessera-task'

/** A tab reserved during a click, then shown the next task's url once the API answers. */
export interface TaskTab {
  /** Shows the task's url there; closes a tab opened for nothing. */
  show: (url: unknown) => void
}

/**
 * The player's tab, kept for the life of the page. Looking it up again by name does not work
 * once it shows a page of another origin: Chromium moves a cross-site page whose opener was
 * cut into a browsing context group of its own, where the name no longer finds it (one new
 * tab per task), and only the opener may navigate it there at all.
 */
let held: Window | null = null

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
 * (browsers block a window.open made after an await), and reuses one tab so that playing a
 * hundred tasks does not leave a hundred tabs: the one this page opened, while it is open,
 * else the tab of that name. The tab keeps this page as its opener, which is what lets the
 * player send it to the next task's (cross-origin) url; the price is that the back-office page
 * could navigate the player's tab through `window.opener` (the task's url is the
 * organization's own back office).
 */
export function reserveTaskTab(): TaskTab {
  const tab = held && !held.closed ? held : window.open('', TAB_NAME)
  held = tab
  return {
    show(url) {
      const href = safeUrl(url)
      if (!tab) {
        // Popups blocked: the task page's "Open in back office" link still works.
        return
      }
      if (href) {
        tab.location.href = href
        tab.focus?.()
      } else if (isBlank(tab)) {
        tab.close()
        held = null
      }
    },
  }
}
