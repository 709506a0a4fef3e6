/**
 * Where a search's words matched in a task, for people to see: which fields, and the words
 * highlighted in a short snippet. The database decides which tasks match (migration 0011);
 * this finds the same words again with the same folding, so the two agree: lower case,
 * accents removed, ASCII punctuation a word boundary, each search word a prefix of a word.
 */

/** One field's match: the snippet and the [start, end) of each matched word in it. */
export interface FieldMatch {
  field: string
  snippet: string
  highlights: [number, number][]
}

/** How long a snippet may be around its first match. */
const SNIPPET_LENGTH = 120

const ASCII_PUNCTUATION_OR_SPACE = /[\s!-/:-@[-`{-~]/

/** A character as search compares it (unaccent and lower, as closely as JavaScript can). */
function foldChar(char: string): string {
  if (ASCII_PUNCTUATION_OR_SPACE.test(char)) {
    return ' '
  }
  const folded = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  return folded === 'ß' ? 'ss' : folded
}

/** The search words of a text, folded, without duplicates. */
export function searchWords(text: string): string[] {
  const folded = Array.from(text, foldChar).join('')
  return [...new Set(folded.split(/\s+/).filter((word) => word !== ''))]
}

/** The [start, end) spans, in `value`, of its words that start with one of `words`. */
function matchedSpans(value: string, words: string[]): [number, number][] {
  // Fold character by character, remembering where each folded character came from, so a
  // match in the folded text maps back onto the original one.
  let folded = ''
  const origin: number[] = []
  let offset = 0
  for (const char of value) {
    const f = foldChar(char)
    for (let i = 0; i < f.length; i++) {
      origin.push(offset)
    }
    folded += f
    offset += char.length
  }
  origin.push(value.length)
  const spans: [number, number][] = []
  const wordPattern = /[^ ]+/g
  for (let found = wordPattern.exec(folded); found; found = wordPattern.exec(folded)) {
    const token = found[0]
    const best = words
      .filter((word) => token.startsWith(word))
      .sort((a, b) => b.length - a.length)[0]
    if (best) {
      const start = origin[found.index] as number
      const end = origin[found.index + best.length] as number
      spans.push([start, end > start ? end : start + 1])
    }
  }
  return spans
}

/** A window of `value` around its first span, with the spans shifted into it. */
function clip(
  value: string,
  spans: [number, number][],
): Pick<FieldMatch, 'snippet' | 'highlights'> {
  const first = spans[0]?.[0] ?? 0
  const start =
    value.length <= SNIPPET_LENGTH
      ? 0
      : Math.max(0, Math.min(first - 30, value.length - SNIPPET_LENGTH))
  const end = Math.min(value.length, start + SNIPPET_LENGTH)
  const prefix = start > 0 ? '…' : ''
  const suffix = end < value.length ? '…' : ''
  const snippet = prefix + value.slice(start, end).replace(/\s+/g, ' ') + suffix
  const highlights = spans
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length])
  return { snippet, highlights }
}

/** Flattens a field value into the text it is searched by. */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null
  }
  if (typeof value === 'string') {
    return value
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return JSON.stringify(value)
}

/**
 * The fields of a task in which any of the search's words matched, title first, then in
 * the fields' own order.
 */
export function matchSnippets(fields: Record<string, unknown>, query: string): FieldMatch[] {
  const words = searchWords(query)
  if (words.length === 0) {
    return []
  }
  const keys = Object.keys(fields).sort((a, b) => Number(b === 'title') - Number(a === 'title'))
  const matches: FieldMatch[] = []
  for (const key of keys) {
    const text = valueText(fields[key])
    if (text === null) {
      continue
    }
    const spans = matchedSpans(text, words)
    if (spans.length > 0) {
      matches.push({ field: key, ...clip(text, spans) })
    }
  }
  return matches
}
