import type { FieldDefinition, Form } from '../api'

let uids = 0

/** A field definition of `type` under `key`, its label and the rest defaulted. */
export function definition(
  key: string,
  type: FieldDefinition['type'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  uids += 1
  return {
    uid: `00000000-0000-4000-8000-${String(uids).padStart(12, '0')}`,
    key,
    label: key.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()),
    type,
    options: null,
    currency: null,
    help_text: '',
    required_for_completion: false,
    shown_in_backlog: false,
    position: uids,
    created_at: '2025-09-11T12:00:00.000Z',
    updated_at: '2025-09-11T12:00:00.000Z',
    ...extra,
  }
}

/** A form named `name` with one section of `keys` (each optional). */
export function form(name: string, keys: string[], extra: Partial<Form> = {}): Form {
  uids += 1
  return {
    uid: `00000000-0000-4000-9000-${String(uids).padStart(12, '0')}`,
    name,
    description: '',
    task_type: null,
    sections: [{ title: '', help_text: '', items: keys.map((key) => ({ key, required: false })) }],
    queue_uids: [],
    created_at: '2025-09-11T12:00:00.000Z',
    updated_at: '2025-09-11T12:00:00.000Z',
    ...extra,
  }
}
