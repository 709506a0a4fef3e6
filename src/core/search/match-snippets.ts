/**
 * Where a search's words matched in a task, for people to see: which fields, and the words
 * highlighted in a short snippet. The database decides which tasks match (migration 0011);
 * this finds the same words again with the same folding, so the two agree: lower case,
 * accents removed (with the letters `unaccent` spells out: ß → ss, æ → ae…), ASCII
 * punctuation a word boundary, each search word a prefix of a word. The server's search and
 * the web app's highlights both use it.
 */

/** A field's match: the snippet and the [start, end) of each matched word in it. */
export interface FieldMatch {
  field: string
  snippet: string
  highlights: [number, number][]
}

/** How long a snippet may be, and how much of the text before its first match it keeps. */
const SNIPPET_LENGTH = 120
const LEAD = 30

const ASCII_PUNCTUATION_OR_SPACE = /[\s!-/:-@[-`{-~]/

/** Letters PostgreSQL's `unaccent` spells out that Unicode does not decompose. */
const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}

/** A character as search compares it; a space where words break. */
function foldChar(char: string): string {
  if (ASCII_PUNCTUATION_OR_SPACE.test(char)) {
    return ' '
  }
  const lower = char.toLowerCase()
  return SPELLED[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, '')
}

/** Text folded as search compares it. */
export function foldText(text: string): string {
  return Array.from(text, foldChar).join('')
}

/** The search words of a text, folded, without duplicates. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      foldText(text)
        .split(/\s+/)
        .filter((word) => word !== ''),
    ),
  ]
}

/** The [start, end) spans, in `value`, of its words that start with one of `words`. */
export function matchedSpans(value: string, words: readonly string[]): [number, number][] {
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
    const longest = words
      .filter((word) => token.startsWith(word))
      .reduce((best, word) => Math.max(best, word.length), 0)
    if (longest > 0) {
      const start = origin[found.index] as number
      // The end of the original character holding the match's last folded letter.
      const last = origin[found.index + longest - 1] as number
      const end = last + ((value.codePointAt(last) as number) > 0xffff ? 2 : 1)
      spans.push([start, end])
    }
  }
  return spans
}

/** A window of `value` around its first span (whole when short), the spans moved into it. */
export function snippetAround(
  value: string,
  spans: [number, number][],
): Pick<FieldMatch, 'snippet' | 'highlights'> {
  const first = spans[0]?.[0] ?? 0
  let start =
    value.length <= SNIPPET_LENGTH
      ? 0
      : Math.min(Math.max(0, first - LEAD), value.length - SNIPPET_LENGTH)
  // Start on a word, not inside one.
  while (start > 0 && !ASCII_PUNCTUATION_OR_SPACE.test(value[start - 1] ?? ' ')) {
    start -= 1
  }
  const end = Math.min(value.length, start + SNIPPET_LENGTH)
  const prefix = start > 0 ? '…' : ''
  const suffix = end < value.length ? '…' : ''
  const shift = prefix.length - start
  return {
    snippet: prefix + value.slice(start, end) + suffix,
    highlights: spans
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]): [number, number] => [s + shift, e + shift]),
  }
}

/** A field value as the text it is searched and shown by. */
export function searchText(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null
  }
  if (typeof value === 'string') {
    return value
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.map(String).join(', ')
  }
  return JSON.stringify(value)
}

/**
 * The fields of a task in which any of the search's words matched, title first, then in
 * `order` (by default the fields' own order).
 */
export function matchSnippets(
  fields: Readonly<Record<string, unknown>>,
  query: string,
  order: readonly string[] = Object.keys(fields),
): FieldMatch[] {
  const words = searchWords(query)
  if (words.length === 0) {
    return []
  }
  const keys = ['title', ...order.filter((key) => key !== 'title')]
  const matches: FieldMatch[] = []
  for (const key of keys) {
    const text = searchText(fields[key])
    const spans = text === null ? [] : matchedSpans(text, words)
    if (text !== null && spans.length > 0) {
      matches.push({ field: key, ...snippetAround(text, spans) })
    }
  }
  return matches
}
