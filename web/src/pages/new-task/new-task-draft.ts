import { hasFieldValue } from '../../../../src/core/fields/check-value'
import type { CreateTaskBody, FieldDefinition, Form } from '../../api'
import { fromLocalDateTime, sortDefinitions } from '../../fields'

/** One field the new-task form asks for: its definition, whether required, its help text. */
export interface AskedField {
  definition: FieldDefinition
  required: boolean
  helpText: string
}

/** A section of the new-task form: a form's section, or one untitled for a blank task. */
export interface AskedSection {
  title: string
  helpText: string
  fields: AskedField[]
  /** Keys the form names that no definition has any more (deleted since): said, not asked. */
  missing: string[]
}

/**
 * What the page asks for: a form's sections and items in order, or, for a blank task,
 * every defined field in position order, none required.
 */
export function askedSections(
  form: Form | null,
  definitions: readonly FieldDefinition[],
): AskedSection[] {
  if (!form) {
    const fields = sortDefinitions(definitions).map((definition) => ({
      definition,
      required: false,
      helpText: definition.help_text,
    }))
    return fields.length > 0 ? [{ title: '', helpText: '', fields, missing: [] }] : []
  }
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  return form.sections.map((section) => {
    const fields: AskedField[] = []
    const missing: string[] = []
    for (const item of section.items) {
      const definition = byKey.get(item.key)
      if (definition) {
        fields.push({
          definition,
          required: item.required,
          helpText: item.help_text || definition.help_text,
        })
      } else {
        missing.push(item.key)
      }
    }
    return { title: section.title, helpText: section.help_text, fields, missing }
  })
}

/** What the person typed: the basics as text, the custom fields in API values. */
export interface NewTaskDraft {
  title: string
  url: string
  /** `datetime-local` text; empty: the organization's default due date. */
  dueAt: string
  /** A queue uid, or '' for the queue rules (admins only choose). */
  queueUid: string
  values: Record<string, unknown>
}

export const EMPTY_DRAFT: NewTaskDraft = { title: '', url: '', dueAt: '', queueUid: '', values: {} }

/** Problems seen before asking the API, keyed by the body path they concern. */
export type DraftProblems = Record<string, string>

/**
 * The body of `POST /tasks` for the draft, or what keeps it from one. Only the fields asked
 * for are sent, and only filled ones: an empty field is no key at all.
 */
export function bodyFromDraft(
  draft: NewTaskDraft,
  form: Form | null,
  sections: readonly AskedSection[],
): { ok: true; body: CreateTaskBody } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {}
  const title = draft.title.trim()
  if (title === '') {
    problems['/body/fields/title'] = 'Enter a title.'
  }
  const dueAt = draft.dueAt ? fromLocalDateTime(draft.dueAt) : null
  if (draft.dueAt && !dueAt) {
    problems['/body/due_at'] = 'Enter a date and a time, or leave it empty.'
  }
  const fields: Record<string, unknown> = { title }
  const url = draft.url.trim()
  if (url) {
    fields.url = url
  }
  // What was entered through a form is also kept as the form's data, as the player keeps it.
  const formData: Record<string, unknown> = {}
  for (const section of sections) {
    for (const asked of section.fields) {
      const value = draft.values[asked.definition.key]
      if (hasFieldValue(value)) {
        fields[asked.definition.key] = value
        formData[asked.definition.key] = value
      } else if (asked.required) {
        problems[`/body/fields/${asked.definition.key}`] = 'Required.'
      }
    }
  }
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    body: {
      fields: fields as CreateTaskBody['fields'],
      ...(dueAt ? { due_at: dueAt } : {}),
      ...(draft.queueUid ? { queue_uid: draft.queueUid } : {}),
      ...(form?.task_type ? { task_type: form.task_type } : {}),
      ...(form ? { metadata_form_uid: form.uid, form_data: formData } : {}),
    },
  }
}
