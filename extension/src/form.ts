/**
 * The form an operator fills in the panel before Complete: which fields, in which order,
 * and how what they typed becomes the `form_data` of POST /player/complete. Pure code, no
 * browser or extension API, so that it is tested on its own.
 */

/** The types a field definition can have (GET /fields). */
export type FieldType =
  | 'text'
  | 'long_text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'url'
  | 'email'
  | 'single_select'
  | 'multi_select'
  | 'user'

/** What the panel needs of a field definition (GET /fields). */
export interface FieldDefinitionLike {
  key: string
  label: string
  type: FieldType
  options: { value: string; label: string }[] | null
  currency: string | null
  help_text: string
  required_for_completion: boolean
  position: number
}

/** What the panel needs of a form (GET /forms/{uid}). */
export interface FormLike {
  name: string
  sections: {
    title: string
    help_text: string
    items: { key: string; required: boolean; help_text?: string }[]
  }[]
}

/** One input of the panel's form. */
export interface FormFieldView {
  key: string
  label: string
  type: FieldType
  required: boolean
  helpText: string
  /** For selects: the choices; for `user` fields: the users who can be picked. */
  options: { value: string; label: string }[]
  currency: string | null
}

export interface FormSectionView {
  title: string
  helpText: string
  fields: FormFieldView[]
}

/** The form of the task in progress, as the panel shows it. */
export interface FormView {
  name: string | null
  sections: FormSectionView[]
}

/** What an input holds: the text of a field, or the values ticked in a multi select. */
export type RawValue = string | string[]

/** The heading of the fields asked for because their definitions require them. */
export const REQUIRED_SECTION_TITLE = 'Required to complete'

/**
 * The fields to fill before Complete: the items of the queue's form, in its order, then the
 * fields every task needs (`required_for_completion`) that the form does not ask for. An
 * item whose definition is gone is left out (it cannot be shown by type). Null when there is
 * nothing to fill.
 */
export function buildFormView(
  form: FormLike | null,
  definitions: FieldDefinitionLike[],
  users: { value: string; label: string }[] = [],
): FormView | null {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const field = (
    definition: FieldDefinitionLike,
    required: boolean,
    helpText?: string,
  ): FormFieldView => ({
    key: definition.key,
    label: definition.label,
    type: definition.type,
    required,
    helpText: helpText ?? definition.help_text,
    options: definition.type === 'user' ? users : (definition.options ?? []),
    currency: definition.currency,
  })
  const asked = new Set<string>()
  const sections: FormSectionView[] = []
  for (const section of form?.sections ?? []) {
    const fields: FormFieldView[] = []
    for (const item of section.items) {
      const definition = byKey.get(item.key)
      if (definition && !asked.has(item.key)) {
        asked.add(item.key)
        fields.push(
          field(definition, item.required || definition.required_for_completion, item.help_text),
        )
      }
    }
    if (fields.length > 0) {
      sections.push({ title: section.title, helpText: section.help_text, fields })
    }
  }
  const alsoRequired = definitions
    .filter((definition) => definition.required_for_completion && !asked.has(definition.key))
    .sort((a, b) => a.position - b.position)
    .map((definition) => field(definition, true))
  if (alsoRequired.length > 0) {
    sections.push({ title: REQUIRED_SECTION_TITLE, helpText: '', fields: alsoRequired })
  }
  return sections.length > 0 ? { name: form?.name ?? null, sections } : null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A task's stored value as its input shows it (`datetime-local` is in the browser's zone). */
export function toRawValue(type: FieldType, value: unknown): RawValue {
  if (value === undefined || value === null) {
    return type === 'multi_select' ? [] : ''
  }
  if (type === 'multi_select') {
    return Array.isArray(value) ? value.map(String) : [String(value)]
  }
  if (type === 'datetime' && typeof value === 'string') {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) {
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * The value sent for an input, typed as the field's definition says, or undefined when the
 * input is empty. A number the input cannot read is sent as typed: the server stores it and
 * flags it (or refuses it, under strict validation), which says more than dropping it.
 */
export function toFieldValue(type: FieldType, raw: RawValue | undefined): unknown {
  if (raw === undefined) {
    return undefined
  }
  if (Array.isArray(raw)) {
    return raw.length > 0 ? raw : undefined
  }
  const text = raw.trim()
  if (text === '') {
    return undefined
  }
  switch (type) {
    case 'number':
    case 'money': {
      const number = Number(text)
      return Number.isFinite(number) ? number : text
    }
    case 'boolean':
      return text === 'true'
    case 'datetime': {
      const date = new Date(text)
      return Number.isNaN(date.getTime()) ? text : date.toISOString()
    }
    case 'multi_select':
      return [text]
    default:
      return text
  }
}

/**
 * The `form_data` of Complete: every filled input of the form, by field key, and null for an
 * input the operator emptied where the task had a value (null removes the key).
 */
export function toFormData(
  view: FormView,
  values: ReadonlyMap<string, RawValue>,
  stored: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const section of view.sections) {
    for (const field of section.fields) {
      const value = toFieldValue(field.type, values.get(field.key))
      if (value !== undefined) {
        data[field.key] = value
      } else if (stored[field.key] !== undefined && stored[field.key] !== null) {
        data[field.key] = null
      }
    }
  }
  return data
}

/** The labels of the required fields still empty: Complete waits for them. */
export function missingRequired(view: FormView, values: ReadonlyMap<string, RawValue>): string[] {
  return view.sections.flatMap((section) =>
    section.fields
      .filter(
        (field) => field.required && toFieldValue(field.type, values.get(field.key)) === undefined,
      )
      .map((field) => field.label),
  )
}

/**
 * The messages of a 422 by field key, for the inputs they are about: the API names each
 * wrong value by its JSON pointer (`/body/form_data/amount`, or `/body/fields/amount` when
 * the task's own value is the problem).
 */
export function fieldErrorsByKey(
  errors: readonly { path: string; message: string }[],
): Record<string, string> {
  const byKey: Record<string, string> = {}
  for (const error of errors) {
    const match = /^\/body\/(?:form_data|fields)\/([^/]+)/.exec(error.path)
    const key = match?.[1]?.replaceAll('~1', '/').replaceAll('~0', '~')
    if (key && !(key in byKey)) {
      byKey[key] = error.message
    }
  }
  return byKey
}
