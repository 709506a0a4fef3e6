/**
 * Which fields of a task hold the words of a search, by label, with a snippet and the matched
 * words' offsets, for the page on screen (the backlog's rows, the search bar's suggestions):
 *
 *   searchMatches(task.fields, 'muller espr', definitions)
 *   // [{ key: 'title', label: 'Title', snippet: 'Espresso for Müller', highlights: [[0, 4], …] }, …]
 *
 * The words are found by the server's own rule (src/core/search/match-snippets.ts: prefixes,
 * any order, accents and case ignored); the server decides which tasks match.
 */
import {
  matchedSpans,
  matchSnippets,
  searchText,
  searchWords,
} from '../../../src/core/search/match-snippets'
import type { FieldDefinition } from '../api'
import { orderFields } from './field-order'

/** One field of a task whose value holds some of the words. */
export interface SearchMatch {
  key: string
  label: string
  snippet: string
  /** `[start, end)` offsets in `snippet` of each matched word's matching part. */
  highlights: [number, number][]
}

/**
 * The fields of `fields` holding words of `query`: the title first (whole, as rows show it),
 * then the others in display order, as snippets. Empty when the query has no word or no
 * field visibly holds one (a match on the task's uid).
 */
export function searchMatches(
  fields: Readonly<Record<string, unknown>>,
  query: string,
  definitions: readonly FieldDefinition[],
): SearchMatch[] {
  const others = orderFields(fields, definitions, { exclude: ['title'] })
  const labels = new Map(
    others.map((entry) => [
      entry.key,
      entry.key === 'url' && !entry.definition ? 'Link' : entry.label,
    ]),
  )
  return matchSnippets(
    fields,
    query,
    others.map((entry) => entry.key),
  ).map((match) => {
    if (match.field !== 'title') {
      return { key: match.field, label: labels.get(match.field) ?? match.field, ...match }
    }
    const title = searchText(fields.title) ?? ''
    return {
      key: 'title',
      label: 'Title',
      snippet: title,
      highlights: matchedSpans(title, searchWords(query)),
    }
  })
}
