/**
 * Editing a key no definition describes: its value is any JSON. A string is edited as text;
 * anything else as JSON text, parsed back on save.
 *
 *   const draft = rawDraft(value)            // the text to put in the input
 *   const parsed = parseRawDraft(draft, value) // { ok, value } or { ok: false, problem }
 */

/** Whether the key's value is edited as plain text (strings, and nothing yet) or as JSON. */
export function editsAsText(value: unknown): boolean {
  return value === undefined || typeof value === 'string'
}

/** The text an editor starts from. */
export function rawDraft(value: unknown): string {
  if (editsAsText(value)) {
    return (value as string | undefined) ?? ''
  }
  return JSON.stringify(value, null, 2)
}

/** What a raw editor's text saves as: the text itself, or the JSON it holds. */
export type RawParse = { ok: true; value: unknown } | { ok: false; problem: string }

/** The value to save from `text`, edited from `original`; '' empties the key (null). */
export function parseRawDraft(text: string, original: unknown): RawParse {
  if (editsAsText(original)) {
    return { ok: true, value: text === '' ? null : text }
  }
  if (text.trim() === '') {
    return { ok: true, value: null }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, problem: 'Not valid JSON: check quotes, commas and brackets.' }
  }
}
