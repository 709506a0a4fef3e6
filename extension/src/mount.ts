import type { PanelReply, PanelRequest } from './messages'
import { PlayerPanel } from './panel'
import { HOST_STYLE } from './panel-style'

const FOLDED_KEY = 'panelFolded'

/** Sends a request to the service worker and returns its answer. */
export async function ask(request: PanelRequest): Promise<PanelReply> {
  // The service worker answers every panel request with a PanelReply (background.ts).
  return (await chrome.runtime.sendMessage(request)) as PanelReply
}

/**
 * Puts the panel on the page, in its own element at the end of the document (outside
 * `body`, whose transforms or overflow would move a fixed box), and shows `reply`.
 */
export async function mountPanel(reply: PanelReply, onClosed: () => void): Promise<PlayerPanel> {
  const host = document.createElement('tessera-player')
  host.setAttribute('style', HOST_STYLE)
  const folded = (await chrome.storage.local.get(FOLDED_KEY))[FOLDED_KEY] === true
  const panel = new PlayerPanel(host, {
    send: ask,
    closed: () => {
      host.remove()
      onClosed()
    },
    folded,
    saveFolded: (value) => void chrome.storage.local.set({ [FOLDED_KEY]: value }),
  })
  panel.show(reply.view)
  document.documentElement.append(host)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && host.isConnected) {
      void panel.refresh()
    }
  })
  return panel
}
