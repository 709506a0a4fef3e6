import type { TabMessage } from './messages'
import { ask, mountPanel } from './mount'
import type { PlayerPanel } from './panel'

/**
 * Runs on every http(s) page, and does nothing more than ask the service worker whether this
 * tab is the player's. Only there does the panel appear: in other tabs, no element is added
 * and no request reaches the server.
 */
declare global {
  interface Window {
    /** Set once the script ran in this page: the toolbar button may inject it a second time. */
    tesseraPlayerLoaded?: boolean
  }
}

/** The panel on this page, once shown (a promise: two asks may cross while it mounts). */
let panel: Promise<PlayerPanel> | null = null

/** Shows the panel if `force` or the service worker says this is the player's tab. */
async function showPanel(force: boolean): Promise<PlayerPanel | null> {
  if (panel) {
    const shown = await panel
    await shown.refresh()
    return shown
  }
  const reply = await ask({ type: 'panel:hello' })
  if (!reply.show && !force) {
    return null
  }
  panel ??= mountPanel(reply, () => {
    panel = null
  })
  return panel
}

if (!window.tesseraPlayerLoaded) {
  window.tesseraPlayerLoaded = true
  chrome.runtime.onMessage.addListener((message: unknown) => {
    if ((message as TabMessage | null)?.type === 'panel:show') {
      void showPanel(true).then((shown) => shown?.focus())
    }
    return undefined
  })
  void showPanel(false)
}
