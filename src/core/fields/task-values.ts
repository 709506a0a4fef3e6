import type { FieldError } from '../../contract/errors'
import type { FormSection } from '../../contract/forms'
import type { TaskFieldMap } from '../tasks/fields'
import type { TaskState } from '../tasks/task-state'
import { checkFieldValue, type FieldShape, hasFieldValue } from './check-value'

/** A definition as task writes and completion consult it. */
export interface DefinedField extends FieldShape {
  key: string
  label: string
  required_for_completion: boolean
}

/**
 * The values of `values` that do not fit their definition, each named under `path`
 * (`/body/fields`, `/body/items/3/fields`). Keys without a definition are free JSON.
 */
export function fieldValueErrors(
  values: Record<string, unknown>,
  definitions: ReadonlyMap<string, FieldShape>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(values)) {
    const shape = definitions.get(key)
    const problem = shape && checkFieldValue(shape, value)
    if (problem) {
      errors.push({ path: `${path}/${key}`, message: problem })
    }
  }
  return errors
}

/** What completing a task through the player is checked against. */
export interface CompletionRules {
  /** The form of the task's queue, if it has one. */
  form: { uid: string; sections: FormSection[] } | null
  definitions: DefinedField[]
  /** The organization's `strict_fields`: form values are type-checked too. */
  strict: boolean
}

/**
 * The task with what the operator entered: each value set in `fields` as a PATCH would (null
 * removes the key), `form_data` keeps the values as entered, and the form is recorded.
 */
export function withFormData(
  task: TaskState,
  formData: Record<string, unknown>,
  formUid: string | null,
): TaskState {
  const fields: Record<string, unknown> = { ...task.fields }
  for (const [key, value] of Object.entries(formData)) {
    if (value === null) {
      delete fields[key]
    } else {
      fields[key] = value
    }
  }
  return {
    ...task,
    fields: fields as TaskFieldMap,
    form_data:
      Object.keys(formData).length > 0 ? { ...task.form_data, ...formData } : task.form_data,
    metadata_form_uid: formUid ?? task.metadata_form_uid,
  }
}

/**
 * Why the task cannot be completed with these form values: each field the queue's form marks
 * required, or whose definition is `required_for_completion`, that has no value once the
 * values are merged in; with `strict`, each value that does not fit its definition; and a
 * title removed or made something other than text. Each error names `/body/form_data/<key>`.
 */
export function completionErrors(
  merged: TaskFieldMap,
  formData: Record<string, unknown>,
  rules: CompletionRules,
): FieldError[] {
  const errors: FieldError[] = []
  const named = new Set<string>()
  const path = (key: string) => `/body/form_data/${key}`
  const refuse = (key: string, message: string) => {
    if (!named.has(key)) {
      named.add(key)
      errors.push({ path: path(key), message })
    }
  }
  if ('title' in formData && (typeof merged.title !== 'string' || merged.title.trim() === '')) {
    refuse('title', 'a task must keep a title (non-empty text)')
  }
  const byKey = new Map(rules.definitions.map((definition) => [definition.key, definition]))
  if (rules.strict) {
    for (const error of fieldValueErrors(formData, byKey, '/body/form_data')) {
      named.add(error.path.slice('/body/form_data/'.length))
      errors.push(error)
    }
  }
  const required = [
    ...(rules.form?.sections.flatMap((section) =>
      section.items.filter((item) => item.required).map((item) => item.key),
    ) ?? []),
    ...rules.definitions
      .filter((definition) => definition.required_for_completion)
      .map((definition) => definition.key),
  ]
  for (const key of required) {
    if (!hasFieldValue(merged[key])) {
      const label = byKey.get(key)?.label
      refuse(key, label ? `is required: ${label}` : 'is required')
    }
  }
  return errors
}
