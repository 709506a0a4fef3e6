import { checkFieldValue, hasFieldValue } from '../../../../src/core/fields/check-value'
import { type FieldDefinition, type Form, TesseraApiError } from '../../api'

/** One field the operator fills before Complete: its definition, and whether it is needed. */
export interface CompletionItem {
  key: string
  /** Its definition; a stand-in text field when the form names a key nobody defined. */
  definition: FieldDefinition | null
  label: string
  required: boolean
  helpText: string
}

/** A heading of the completion form and its fields, in the form's order. */
export interface CompletionSection {
  title: string
  helpText: string
  items: CompletionItem[]
}

/**
 * What the operator must see and fill before completing a task: the sections of its queue's
 * form, then every definition marked `required_for_completion` that the form leaves out (they
 * are asked for in every queue), under a section of their own. Empty when there is neither.
 */
export function completionSections(
  form: Pick<Form, 'sections'> | null,
  definitions: FieldDefinition[],
): CompletionSection[] {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const sections: CompletionSection[] = (form?.sections ?? []).map((section) => ({
    title: section.title,
    helpText: section.help_text,
    items: section.items.map((item) => {
      const definition = byKey.get(item.key) ?? null
      return {
        key: item.key,
        definition,
        label: definition?.label ?? item.key,
        required: item.required || definition?.required_for_completion === true,
        helpText: item.help_text ?? definition?.help_text ?? '',
      }
    }),
  }))
  const inForm = new Set(sections.flatMap((section) => section.items.map((item) => item.key)))
  const alsoRequired = [...definitions]
    .filter((definition) => definition.required_for_completion && !inForm.has(definition.key))
    .sort((a, b) => a.position - b.position)
  if (alsoRequired.length > 0) {
    sections.push({
      title: form ? 'Also needed to complete' : 'Needed to complete',
      helpText: '',
      items: alsoRequired.map((definition) => ({
        key: definition.key,
        definition,
        label: definition.label,
        required: true,
        helpText: definition.help_text,
      })),
    })
  }
  return sections.filter((section) => section.items.length > 0)
}

/** Every item of the sections, in order. */
export function completionItems(sections: CompletionSection[]): CompletionItem[] {
  return sections.flatMap((section) => section.items)
}

/** The items still without a value that Complete waits for. */
export function missingItems(items: CompletionItem[], values: Record<string, unknown>) {
  return items.filter((item) => item.required && !hasFieldValue(values[item.key]))
}

/** Why each value that does not fit its definition is wrong, by key. */
export function invalidValues(
  items: CompletionItem[],
  values: Record<string, unknown>,
): Map<string, string> {
  const problems = new Map<string, string>()
  for (const item of items) {
    const problem = item.definition ? checkFieldValue(item.definition, values[item.key]) : null
    if (problem) {
      problems.set(item.key, problem)
    }
  }
  return problems
}

/**
 * What Complete sends as `form_data`: the value of every field of the form that has one, and
 * null (the API removes the key) for a field the operator emptied that the task had filled.
 * Untouched empty fields are left out.
 */
export function formData(
  items: CompletionItem[],
  values: Record<string, unknown>,
  original: Record<string, unknown>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const { key } of items) {
    if (hasFieldValue(values[key])) {
      data[key] = values[key]
    } else if (hasFieldValue(original[key])) {
      data[key] = null
    }
  }
  return data
}

/** A list of names in a sentence: "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** Why Complete is disabled, in a sentence, or null when the form lets it through. */
export function completeBlocker(
  missing: CompletionItem[],
  invalid: Map<string, string>,
  items: CompletionItem[],
): string | null {
  if (missing.length > 0) {
    return `Fill in ${listOf(missing.map((item) => item.label))} to complete.`
  }
  if (invalid.size > 0) {
    const labels = items.filter((item) => invalid.has(item.key)).map((item) => item.label)
    return `Correct ${listOf(labels)} to complete.`
  }
  return null
}

/** Decodes one JSON pointer segment (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/**
 * The API's 422 reasons by field key, from a refused Complete: `/body/form_data/<key>`
 * (or `/body/fields/<key>`), so each shows beside its input.
 */
export function fieldErrorsOf(error: unknown): Map<string, string> {
  const errors = new Map<string, string>()
  const fields = error instanceof TesseraApiError ? error.fields : []
  for (const field of fields) {
    const match = /^\/body\/(?:form_data|fields)\/([^/]+)/.exec(field.path)
    if (match?.[1]) {
      errors.set(unescapePointer(match[1]), field.message)
    }
  }
  return errors
}
