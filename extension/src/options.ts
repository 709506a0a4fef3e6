import { describeError } from './api'
import type { OptionsReply, OptionsRequest } from './options-messages'
import { normalizeServerUrl, readSettings, saveSettings } from './settings'

/** An element of options.html, which has every one this script names. */
function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector)
  if (!found) {
    throw new Error(`options.html has no ${selector}`)
  }
  return found
}

const form = element<HTMLFormElement>('#settings')
const serverInput = element<HTMLInputElement>('#server-url')
const tokenInput = element<HTMLInputElement>('#token')
const result = element<HTMLElement>('#result')
const play = element<HTMLAnchorElement>('#play')

play.href = chrome.runtime.getURL('player.html')

function say(text: string, ok: boolean) {
  result.textContent = text
  result.className = ok ? 'ok' : 'problem'
}

void readSettings().then((settings) => {
  if (settings) {
    serverInput.value = settings.serverUrl
    tokenInput.value = settings.token
  }
})

form.addEventListener('submit', (event) => {
  event.preventDefault()
  void save()
})

/** Saves the settings, then checks them against the server and says who the player acts as. */
async function save() {
  const serverUrl = normalizeServerUrl(serverInput.value)
  if (!serverUrl) {
    say('Give the address of your Tessera server, starting with http:// or https://.', false)
    serverInput.focus()
    return
  }
  const token = tokenInput.value.trim()
  await saveSettings({ serverUrl, token })
  serverInput.value = serverUrl
  say('Saved. Checking…', true)
  const request: OptionsRequest = { type: 'options:check' }
  // The service worker answers options:check with an OptionsReply (background.ts).
  const reply = (await chrome.runtime.sendMessage(request)) as OptionsReply
  if (reply.ok) {
    say(`Saved. Connected to ${serverUrl} as ${reply.who}.`, true)
    play.hidden = false
  } else {
    say(`Saved, but ${reply.problem}`, false)
    play.hidden = true
  }
}

// Whatever goes wrong is said on the page rather than lost in the console.
window.addEventListener('unhandledrejection', (event) => {
  say(describeError(event.reason, serverInput.value), false)
})
