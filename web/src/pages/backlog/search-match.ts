/**
 * Which fields of a task hold the words of the backlog's text filter, with a snippet and the
 * matched words' offsets, by the rule `q` follows on the server (docs/API.md): each word
 * matches the start of a word of a value, accents and case ignored, ASCII punctuation
 * separating words. The server decides which tasks match; this only shows where, for the
 * page on screen, without asking GET /tasks/search (ranked, at most 50, unfiltered) again.
 */
import type { FieldDefinition } from '../../api'
import { orderFields, rawText } from '../../fields'

/** One field of a task whose value holds some of the words. */
export interface SearchMatch {
  key: string
  label: string
  snippet: string
  /** `[start, end)` offsets in `snippet` of each matched word's matching part. */
  highlights: [number, number][]
}

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

/** One character folded as the search folds it: lower case, accents off. */
function foldChar(char: string): string {
  const lower = char.toLowerCase()
  return SPELLED[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, '')
}

/** The text folded as the search compares it. */
export function foldText(text: string): string {
  return [...text].map(foldChar).join('')
}

const WORD_CHAR = /[\p{L}\p{N}]/u

/** The query's words, folded; punctuation and spaces separate them. */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/** A word of a value: where it starts in the value, and each character's folded form. */
interface Token {
  start: number
  chars: { at: number; length: number; folded: string }[]
}

function tokens(text: string): Token[] {
  const found: Token[] = []
  let current: Token | null = null
  let at = 0
  for (const char of text) {
    if (WORD_CHAR.test(char)) {
      current ??= { start: at, chars: [] }
      current.chars.push({ at, length: char.length, folded: foldChar(char) })
    } else if (current) {
      found.push(current)
      current = null
    }
    at += char.length
  }
  if (current) {
    found.push(current)
  }
  return found
}

/** The `[start, end)` ranges of `text` where a word starts with one of `words`. */
export function matchRanges(text: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = []
  for (const token of tokens(text)) {
    const folded = token.chars.map((char) => char.folded).join('')
    const longest = words
      .filter((word) => folded.startsWith(word))
      .reduce((best, word) => Math.max(best, word.length), 0)
    if (longest === 0) {
      continue
    }
    // The original characters whose folded forms cover the matched prefix.
    let covered = 0
    let end = token.start
    for (const char of token.chars) {
      if (covered >= longest) {
        break
      }
      covered += char.folded.length
      end = char.at + char.length
    }
    ranges.push([token.start, end])
  }
  return ranges
}

/** Characters of context kept before the first match of a snippet. */
const LEAD = 30
/** Longest snippet, as GET /tasks/search cuts them. */
const SNIPPET = 120

/** A snippet of `text` around its first range, the ranges moved into it. */
function cut(
  text: string,
  ranges: [number, number][],
): Pick<SearchMatch, 'snippet' | 'highlights'> {
  const first = ranges[0]?.[0] ?? 0
  let start = first > LEAD ? first - LEAD : 0
  // Start on a word, not inside one.
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) {
    start -= 1
  }
  const end = Math.min(text.length, start + SNIPPET)
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const shift = prefix.length - start
  return {
    snippet: `${prefix}${text.slice(start, end)}${suffix}`,
    highlights: ranges
      .filter(([from, to]) => from >= start && to <= end)
      .map(([from, to]): [number, number] => [from + shift, to + shift]),
  }
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map(rawText).join(', ')
  }
  return rawText(value)
}

/**
 * The fields of `fields` holding words of `query`, title first, then in display order
 * (defined fields by position under their labels). Empty when the query has no word or no
 * field visibly holds one (a match on the task's uid, or on text the server folds otherwise).
 */
export function searchMatches(
  fields: Readonly<Record<string, unknown>>,
  query: string,
  definitions: readonly FieldDefinition[],
): SearchMatch[] {
  const words = queryWords(query)
  if (words.length === 0) {
    return []
  }
  const entries = [
    { key: 'title', label: 'Title', value: fields.title },
    ...orderFields(fields, definitions, { exclude: ['title'] }).map((entry) => ({
      key: entry.key,
      label: entry.key === 'url' && !entry.definition ? 'Link' : entry.label,
      value: entry.value,
    })),
  ]
  const matches: SearchMatch[] = []
  for (const entry of entries) {
    const text = valueText(entry.value)
    const ranges = text ? matchRanges(text, words) : []
    if (ranges.length > 0) {
      // The title is shown whole (it is the row's link); other values as a snippet.
      const shown =
        entry.key === 'title' ? { snippet: text, highlights: ranges } : cut(text, ranges)
      matches.push({ key: entry.key, label: entry.label, ...shown })
    }
  }
  return matches
}
