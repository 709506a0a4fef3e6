/**
 * The task's url if it is a web link, else null: a `javascript:` or `data:` url in a task's
 * fields (they are free JSON from any API client) must never run in the app's origin.
 */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') {
    return null
  }
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}
