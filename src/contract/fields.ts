import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

/**
 * The types a custom field can be declared with. A task's `fields` stay free JSON (Fragment's
 * contract): a definition says how the app shows and edits a key, and what a valid value is.
 */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'url',
  'email',
  'single_select',
  'multi_select',
  'user',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** Most field definitions an organization may have. */
export const MAX_FIELDS_PER_ORG = 200

/** Types whose values come from `options`. */
export const SELECT_FIELD_TYPES: readonly FieldType[] = ['single_select', 'multi_select']

export const FieldOption = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 200, description: 'Stored in the task.' }),
    label: Type.String({ minLength: 1, maxLength: 200, description: 'Shown in the app.' }),
  },
  { additionalProperties: false },
)
export type FieldOption = Static<typeof FieldOption>

const FieldKey = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description:
    'The key in a task’s `fields`: lowercase letters, digits and underscores, starting with a letter. Fixed once created.',
})

const FieldWritable = {
  label: Type.String({ minLength: 1, maxLength: 200, description: 'How the app names it.' }),
  type: StringEnum(FIELD_TYPES, {
    description:
      'Values: text, long_text, url, email: strings; number and money: numbers (money in `currency`); date: `YYYY-MM-DD`; datetime: ISO 8601 with a time zone; boolean; single_select: one option value; multi_select: an array of option values; user: a user uid.',
  }),
  options: Nullable(
    Type.Array(FieldOption, {
      minItems: 1,
      maxItems: 500,
      description: 'For single_select and multi_select only (required there), in display order.',
    }),
  ),
  currency: Nullable(
    Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'For money only (required there): an ISO 4217 code such as EUR.',
    }),
  ),
  help_text: Type.String({ maxLength: 2000, description: 'Shown under the field when editing.' }),
  required_for_completion: Type.Boolean({
    description: 'The player asks for a value before Complete, in every queue.',
  }),
  shown_in_backlog: Type.Boolean({ description: 'A column of the backlog by default.' }),
  position: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'Fields are shown in ascending position.',
  }),
}

export const FieldDefinition = Type.Object(
  {
    uid: Uid,
    key: FieldKey,
    ...FieldWritable,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'FieldDefinition' },
)
export type FieldDefinition = Static<typeof FieldDefinition>

export const CreateFieldBody = Type.Object(
  {
    key: FieldKey,
    label: FieldWritable.label,
    type: FieldWritable.type,
    options: Type.Optional(FieldWritable.options),
    currency: Type.Optional(FieldWritable.currency),
    help_text: Type.Optional(FieldWritable.help_text),
    required_for_completion: Type.Optional(FieldWritable.required_for_completion),
    shown_in_backlog: Type.Optional(FieldWritable.shown_in_backlog),
    position: Type.Optional({ ...FieldWritable.position, description: 'Default: after the last.' }),
  },
  { $id: 'CreateFieldBody' },
)
export type CreateFieldBody = Static<typeof CreateFieldBody>

export const UpdateFieldBody = Type.Partial(Type.Object(FieldWritable), { $id: 'UpdateFieldBody' })
export type UpdateFieldBody = Static<typeof UpdateFieldBody>

export const FieldList = Type.Object(
  { items: Type.Array(FieldDefinition) },
  {
    $id: 'FieldList',
    description: `Every definition of the organization (at most ${MAX_FIELDS_PER_ORG}), in position order.`,
  },
)
export type FieldList = Static<typeof FieldList>
