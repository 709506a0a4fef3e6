import { unwrap } from '../../sdk/src/index'
import { createClient, describeError } from './api'
import type { PanelReply, PanelRequest, PanelView, TabMessage } from './messages'
import type { OptionsReply, OptionsRequest } from './options-messages'
import {
  buildView,
  EMPTY_MEMO,
  type Memo,
  move,
  moveError,
  openableUrl,
  unreachableView,
} from './player'
import { readSettings } from './settings'

/**
 * The service worker: the only part that talks to the Tessera API (with the operator's token
 * or web session), and the one that sends the player's tab from task to task.
 */

const MEMO_KEY = 'memo'

async function readMemo(): Promise<Memo> {
  const stored = (await chrome.storage.session.get(MEMO_KEY))[MEMO_KEY]
  // Only this file writes the memo, always whole.
  return stored ? { ...EMPTY_MEMO, ...(stored as Partial<Memo>) } : EMPTY_MEMO
}

async function writeMemo(memo: Memo): Promise<void> {
  await chrome.storage.session.set({ [MEMO_KEY]: memo })
}

/** The view of the player as it is now, for a tab that shows the panel. */
async function currentView(memo: Memo): Promise<PanelView> {
  const settings = await readSettings()
  if (!settings) {
    return unreachableView('unconfigured', null, null)
  }
  return buildView(createClient(settings), settings, memo)
}

/** Sends the player's tab to a task's page. */
async function open(tabId: number, url: string): Promise<void> {
  await chrome.tabs.update(tabId, { url })
}

async function handlePanel(request: PanelRequest, tabId: number | undefined): Promise<PanelReply> {
  let memo = await readMemo()
  switch (request.type) {
    case 'panel:hello':
    case 'panel:refresh': {
      if (request.type === 'panel:hello' && request.claim && tabId !== undefined) {
        memo = { ...memo, playerTabId: tabId }
        await writeMemo(memo)
      }
      const show = tabId !== undefined && tabId === memo.playerTabId
      // Other tabs get no view: nothing is asked of the server for them.
      return {
        show,
        view: show ? await currentView(memo) : unreachableView('unconfigured', null, null),
      }
    }
    case 'panel:close':
      if (tabId === memo.playerTabId) {
        await writeMemo({ ...memo, playerTabId: null })
      }
      return { show: false, view: unreachableView('unconfigured', null, null) }
    case 'panel:options':
      await chrome.runtime.openOptionsPage()
      return { show: true, view: await currentView(memo) }
    case 'panel:act': {
      const settings = await readSettings()
      if (!settings) {
        return { show: true, view: unreachableView('unconfigured', null, null) }
      }
      // The tab the operator plays in becomes the player's: the next task opens there.
      memo = { ...memo, playerTabId: tabId ?? memo.playerTabId }
      const client = createClient(settings)
      let failure: Pick<PanelView, 'error' | 'fieldErrors'> | null = null
      let page: string | null = null
      try {
        const result = await move(client, request, memo)
        memo = result.memo
        page = result.open
      } catch (error) {
        failure = moveError(error, settings.serverUrl)
      }
      await writeMemo(memo)
      if (page && memo.playerTabId !== null) {
        await open(memo.playerTabId, page)
      }
      const view = await buildView(client, settings, memo)
      return { show: true, view: failure ? { ...view, ...failure } : view }
    }
  }
}

async function checkOptions(): Promise<OptionsReply> {
  const settings = await readSettings()
  if (!settings) {
    return { ok: false, problem: 'no settings are saved.' }
  }
  try {
    const me = await unwrap(createClient(settings).GET('/accounts/me'))
    return { ok: true, who: `${me.user.name || me.user.email} (${me.role})` }
  } catch (error) {
    const problem = describeError(error, settings.serverUrl)
    return {
      ok: false,
      problem: settings.token
        ? `the server refuses this token: ${problem}`
        : `nobody is signed in to the web app at ${settings.serverUrl} in this browser (${problem}). Sign in there, or paste a token.`,
    }
  }
}

function isPanelRequest(message: unknown): message is PanelRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    typeof message.type === 'string' &&
    message.type.startsWith('panel:')
  )
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own pages and content scripts can send runtime messages here.
  if (sender.id !== chrome.runtime.id) {
    return undefined
  }
  if (isPanelRequest(message)) {
    handlePanel(message, sender.tab?.id).then(sendResponse, (error: unknown) =>
      sendResponse({
        show: true,
        view: unreachableView('offline', null, describeError(error, '')),
      } satisfies PanelReply),
    )
    return true
  }
  if ((message as OptionsRequest | null)?.type === 'options:check') {
    void checkOptions().then(sendResponse)
    return true
  }
  return undefined
})

chrome.tabs.onRemoved.addListener((tabId) => {
  void readMemo().then((memo) =>
    memo.playerTabId === tabId ? writeMemo({ ...memo, playerTabId: null }) : undefined,
  )
})

/**
 * The toolbar button (and its shortcut): play in the tab it was pressed on. A web page gets
 * the panel (its content script is injected when the page was open before the extension);
 * any other tab, such as a new tab, is sent to the extension's player page.
 */
chrome.action.onClicked.addListener((tab) => {
  void (async () => {
    if (tab.id === undefined) {
      return
    }
    if (!(await readSettings())) {
      await chrome.runtime.openOptionsPage()
      return
    }
    const tabId = tab.id
    await writeMemo({ ...(await readMemo()), playerTabId: tabId })
    const show: TabMessage = { type: 'panel:show' }
    try {
      await chrome.tabs.sendMessage(tabId, show)
    } catch {
      if (openableUrl(tab.url)) {
        await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] })
      } else {
        await open(tabId, chrome.runtime.getURL('player.html'))
      }
    }
  })()
})
