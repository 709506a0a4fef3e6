const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Where a search leads: a uid opens that task directly; any other text lists every task,
 * open or done, whose title or a custom field value contains it (`GET /tasks?q=`).
 * Null for blank input.
 */
export function searchTarget(input: string): string | null {
  const text = input.trim()
  if (!text) {
    return null
  }
  if (UUID.test(text)) {
    return `/tasks/${text.toLowerCase()}`
  }
  return `/?${new URLSearchParams({ q: text, status: 'all' }).toString()}`
}
