import { ask, mountPanel } from './mount'

/**
 * The extension's own player page: where the toolbar button opens the panel when the tab
 * holds no web page (a new tab), and where the options page leads. It claims its tab as the
 * player's: Next sends this tab on to the task's page.
 */
void ask({ type: 'panel:hello', claim: true }).then(async (reply) => {
  const panel = await mountPanel(reply, () => {
    const again = document.createElement('p')
    const link = document.createElement('a')
    link.href = 'player.html'
    link.textContent = 'Open the player again'
    again.append('The player is closed. ', link)
    document.querySelector('main')?.append(again)
  })
  panel.focus()
})
