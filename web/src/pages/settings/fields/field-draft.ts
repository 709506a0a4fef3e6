import type {
  CreateFieldBody,
  FieldDefinition,
  FieldOption,
  FieldType,
  UpdateFieldBody,
} from '../../../api'
import { hasOptions } from './field-types'

/** A field definition as the Settings form edits it. */
export interface FieldDraft {
  key: string
  /** Whether the key was typed by hand: until then it follows the label. */
  keyTouched: boolean
  label: string
  type: FieldType
  currency: string
  /** `valueTouched`: the stored value was typed by hand; until then it follows the label. */
  options: (FieldOption & { valueTouched: boolean })[]
  helpText: string
  requiredForCompletion: boolean
  shownInBacklog: boolean
}

export function draftFromField(field?: FieldDefinition): FieldDraft {
  return {
    key: field?.key ?? '',
    keyTouched: Boolean(field),
    label: field?.label ?? '',
    type: field?.type ?? 'text',
    currency: field?.currency ?? '',
    options: (field?.options ?? []).map((option) => ({ ...option, valueTouched: true })),
    helpText: field?.help_text ?? '',
    requiredForCompletion: field?.required_for_completion ?? false,
    shownInBacklog: field?.shown_in_backlog ?? false,
  }
}

/**
 * A key from a label, as the API accepts keys: lowercase ASCII letters, digits and
 * underscores, starting with a letter, at most 63 characters. `Amount (€)` → `amount`.
 */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 63)
    .replace(/_+$/, '')
  return key
}

/** An option's stored value from its label: `Refund approved` → `refund_approved`. */
export function optionValueFromLabel(label: string): string {
  return (
    label
      .trim()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 200) || label.trim()
  )
}

/** Problems the form sees before asking the API, keyed by body path. */
export type FieldDraftProblems = Record<string, string>

const KEY = /^[a-z][a-z0-9_]{0,62}$/

function checkDraft(draft: FieldDraft, creating: boolean): FieldDraftProblems {
  const problems: FieldDraftProblems = {}
  if (draft.label.trim() === '') {
    problems['/body/label'] = 'Enter a label.'
  }
  if (creating && !KEY.test(draft.key)) {
    problems['/body/key'] =
      'Use lowercase letters, digits and underscores, starting with a letter (at most 63).'
  }
  if (draft.type === 'money' && !/^[A-Z]{3}$/.test(draft.currency.trim())) {
    problems['/body/currency'] = 'Enter a three-letter currency code, such as EUR.'
  }
  if (hasOptions(draft.type)) {
    if (draft.options.length === 0) {
      problems['/body/options'] = 'Add at least one option.'
    }
    const seen = new Set<string>()
    draft.options.forEach((option, index) => {
      if (option.label.trim() === '') {
        problems[`/body/options/${index}/label`] = 'Enter a label.'
      }
      const value = option.value.trim()
      if (value === '') {
        problems[`/body/options/${index}/value`] = 'Enter the value stored.'
      } else if (seen.has(value)) {
        problems[`/body/options/${index}/value`] = 'Another option stores this value.'
      }
      seen.add(value)
    })
  }
  return problems
}

function writable(draft: FieldDraft) {
  return {
    label: draft.label.trim(),
    type: draft.type,
    // Sent as null for the other types: a change of type must drop them (the API says so).
    options: hasOptions(draft.type)
      ? draft.options.map((option) => ({ value: option.value.trim(), label: option.label.trim() }))
      : null,
    currency: draft.type === 'money' ? draft.currency.trim() : null,
    help_text: draft.helpText,
    required_for_completion: draft.requiredForCompletion,
    shown_in_backlog: draft.shownInBacklog,
  }
}

/** The body of `POST /fields`, or what keeps the draft from one. */
export function createBody(
  draft: FieldDraft,
): { ok: true; body: CreateFieldBody } | { ok: false; problems: FieldDraftProblems } {
  const problems = checkDraft(draft, true)
  return Object.keys(problems).length > 0
    ? { ok: false, problems }
    : { ok: true, body: { key: draft.key, ...writable(draft) } }
}

/** The body of `PATCH /fields/{uid}` (the key is fixed), or what keeps the draft from one. */
export function updateBody(
  draft: FieldDraft,
): { ok: true; body: UpdateFieldBody } | { ok: false; problems: FieldDraftProblems } {
  const problems = checkDraft(draft, false)
  return Object.keys(problems).length > 0
    ? { ok: false, problems }
    : { ok: true, body: writable(draft) }
}
