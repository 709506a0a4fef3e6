/**
 * Which custom field made a task match a search, to name it in a one-line result:
 * `matchingField(task.fields, 'clm-42', definitions)` → `{ key, label: 'Claim ID', text: 'CLM-4242' }`,
 * or null when the title matches (the result shows it anyway) or nothing visibly does.
 */
import type { FieldDefinition } from '../api'
import { orderFields } from './field-order'
import { fieldText, rawText } from './field-text'

/** A field of a search result: its label and its value as text. */
export interface FieldMatch {
  key: string
  label: string
  text: string
}

/** Lowercase without accents, as people type a search. */
function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

/** The first field, in display order, whose value (as shown or as stored) holds every word of `query`. */
export function matchingField(
  fields: Readonly<Record<string, unknown>>,
  query: string,
  definitions: readonly FieldDefinition[],
): FieldMatch | null {
  const words = folded(query).split(/\s+/).filter(Boolean)
  const holds = (text: string) => words.every((word) => folded(text).includes(word))
  if (words.length === 0 || holds(rawText(fields.title))) {
    return null
  }
  for (const entry of orderFields(fields, definitions)) {
    const text = fieldText(entry.definition, entry.value)
    if (text && (holds(text) || holds(rawText(entry.value)))) {
      return { key: entry.key, label: entry.label, text }
    }
  }
  return null
}
