/**
 * In which order, and under which name, a task's custom fields are shown: defined fields first,
 * by their definitions' `position`, under their labels; then keys without a definition,
 * alphabetically, under their raw key. Pure functions, for every page that lists fields
 * (task page, backlog, player, search):
 *
 *   orderFields(task.fields, definitions)                       // what the task holds
 *   orderFields(task.fields, definitions, { includeEmpty: true }) // + defined fields it lacks
 *   backlogFields(task.fields, definitions)                     // the backlog's few
 */

import { hasFieldValue } from '../../../src/core/fields/check-value'
import type { FieldDefinition } from '../api'

/** One field of a task as pages show it. */
export interface FieldEntry {
  key: string
  /** The definition's label, or the raw key when the key has no definition. */
  label: string
  definition: FieldDefinition | null
  /** As stored: `undefined` when the task lacks a defined field (`includeEmpty`). */
  value: unknown
}

/** `title` and `url` are the task's own: pages show them apart from its custom fields. */
export const NATIVE_FIELD_KEYS: readonly string[] = ['title', 'url']

/** Definitions in display order: by position, then label (ties after a reorder), then key. */
export function sortDefinitions(definitions: readonly FieldDefinition[]): FieldDefinition[] {
  return [...definitions].sort(
    (a, b) =>
      a.position - b.position || a.label.localeCompare(b.label) || a.key.localeCompare(b.key),
  )
}

/** Options of {@link orderFields}. */
export interface OrderFieldsOptions {
  /** Also list defined fields the task lacks (value `undefined`), to fill them in. */
  includeEmpty?: boolean
  /** Keys left out; default {@link NATIVE_FIELD_KEYS}. */
  exclude?: readonly string[]
}

/** The task's custom fields: defined ones by position with their labels, then the rest by key. */
export function orderFields(
  fields: Readonly<Record<string, unknown>>,
  definitions: readonly FieldDefinition[],
  options: OrderFieldsOptions = {},
): FieldEntry[] {
  const exclude = new Set(options.exclude ?? NATIVE_FIELD_KEYS)
  const defined = sortDefinitions(definitions).filter((definition) => !exclude.has(definition.key))
  const definedKeys = new Set(defined.map((definition) => definition.key))
  const entries: FieldEntry[] = defined
    .filter((definition) => options.includeEmpty || Object.hasOwn(fields, definition.key))
    .map((definition) => ({
      key: definition.key,
      label: definition.label,
      definition,
      value: fields[definition.key],
    }))
  const undefinedKeys = Object.keys(fields)
    .filter((key) => !exclude.has(key) && !definedKeys.has(key))
    .sort((a, b) => a.localeCompare(b))
  for (const key of undefinedKeys) {
    entries.push({ key, label: key, definition: null, value: fields[key] })
  }
  return entries
}

/** How many fields a backlog row shows when no definition asks to be shown there. */
export const BACKLOG_FIELDS = 3

/**
 * The fields of a backlog row: every defined field marked `shown_in_backlog` that has a
 * value, then, up to {@link BACKLOG_FIELDS} in all, the task's other filled fields in
 * {@link orderFields} order.
 */
export function backlogFields(
  fields: Readonly<Record<string, unknown>>,
  definitions: readonly FieldDefinition[],
  limit: number = BACKLOG_FIELDS,
): FieldEntry[] {
  const filled = orderFields(fields, definitions).filter((entry) => hasFieldValue(entry.value))
  const chosen = filled.filter((entry) => entry.definition?.shown_in_backlog)
  const rest = filled.filter((entry) => !entry.definition?.shown_in_backlog)
  return [...chosen, ...rest.slice(0, Math.max(0, limit - chosen.length))]
}
