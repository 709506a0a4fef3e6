import type { CreateFormBody, FieldDefinition, Form } from '../../../api'

/** One field of a section as the Settings form edits it. */
export interface ItemDraft {
  /** A definition's key; '' until picked. */
  key: string
  required: boolean
  helpText: string
}

export interface SectionDraft {
  title: string
  helpText: string
  items: ItemDraft[]
}

/** A form as the Settings form edits it. */
export interface FormDraft {
  name: string
  description: string
  /** Empty: no task type (a form only for completing a queue's tasks). */
  taskType: string
  sections: SectionDraft[]
}

export function emptySection(): SectionDraft {
  return { title: '', helpText: '', items: [] }
}

export function draftFromForm(form?: Form): FormDraft {
  return {
    name: form?.name ?? '',
    description: form?.description ?? '',
    taskType: form?.task_type ?? '',
    sections: form
      ? form.sections.map((section) => ({
          title: section.title,
          helpText: section.help_text,
          items: section.items.map((item) => ({
            key: item.key,
            required: item.required,
            helpText: item.help_text ?? '',
          })),
        }))
      : [emptySection()],
  }
}

/** Keys the form asks for already, to offer the others when adding a field. */
export function usedKeys(draft: FormDraft): Set<string> {
  return new Set(draft.sections.flatMap((section) => section.items.map((item) => item.key)))
}

/** The first definition (in display order) the form does not ask for yet, if any. */
export function nextFreeField(
  draft: FormDraft,
  definitions: readonly FieldDefinition[],
): FieldDefinition | undefined {
  const used = usedKeys(draft)
  return definitions.find((definition) => !used.has(definition.key))
}

/** Moves the element at `index` one step (-1 up, +1 down); the same list if it cannot. */
export function moved<T>(list: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset
  if (target < 0 || target >= list.length) {
    return [...list]
  }
  const next = [...list]
  const [item] = next.splice(index, 1)
  if (item !== undefined) {
    next.splice(target, 0, item)
  }
  return next
}

/** Problems the form sees before asking the API, keyed by body path. */
export type FormDraftProblems = Record<string, string>

/** The body of `POST /forms` (and `PATCH /forms/{uid}`), or what keeps the draft from one. */
export function bodyFromDraft(
  draft: FormDraft,
): { ok: true; body: CreateFormBody } | { ok: false; problems: FormDraftProblems } {
  const problems: FormDraftProblems = {}
  if (draft.name.trim() === '') {
    problems['/body/name'] = 'Enter a name.'
  }
  if (draft.sections.length === 0) {
    problems['/body/sections'] = 'Add a section.'
  }
  const seen = new Set<string>()
  draft.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const path = `/body/sections/${s}/items/${i}/key`
      if (item.key === '') {
        problems[path] = 'Pick a field.'
      } else if (seen.has(item.key)) {
        problems[path] = 'Already asked for above: a field appears once in a form.'
      }
      seen.add(item.key)
    })
  })
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    body: {
      name: draft.name.trim(),
      description: draft.description,
      task_type: draft.taskType.trim() || null,
      sections: draft.sections.map((section) => ({
        title: section.title.trim(),
        help_text: section.helpText,
        items: section.items.map((item) => ({
          key: item.key,
          required: item.required,
          ...(item.helpText.trim() ? { help_text: item.helpText.trim() } : {}),
        })),
      })),
    },
  }
}
