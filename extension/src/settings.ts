/**
 * Where the Tessera server is and how to authenticate to it, as the operator set them on the
 * options page. Stored in chrome.storage.local, which only the extension can read.
 */
export interface Settings {
  /** The server's address, without `/api/v1`: `https://tessera.example.com`. */
  serverUrl: string
  /** An API token (`tsr_…`), or empty: then the web app's sign-in in this browser is used. */
  token: string
}

const KEY = 'settings'

/**
 * The server address an operator typed, as the extension keeps it: http or https only, no
 * trailing slash, no `/api/v1` (the address of the web app works as well as the API's), no
 * query or fragment. Null when it is not such an address.
 */
export function normalizeServerUrl(input: string): string | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return null
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')
  return `${url.origin}${path}`
}

function isSettings(value: unknown): value is Settings {
  return (
    typeof value === 'object' &&
    value !== null &&
    'serverUrl' in value &&
    typeof value.serverUrl === 'string' &&
    'token' in value &&
    typeof value.token === 'string'
  )
}

/** The saved settings, or null before the operator has saved any. */
export async function readSettings(): Promise<Settings | null> {
  const stored = (await chrome.storage.local.get(KEY))[KEY]
  return isSettings(stored) ? stored : null
}

export async function saveSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: settings })
}
