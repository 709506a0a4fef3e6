import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Timestamp, Uid } from './common'

/** Most forms an organization may have. */
export const MAX_FORMS_PER_ORG = 100

export const FormItem = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 63,
      description: 'The key of a field definition (GET /fields).',
    }),
    required: Type.Boolean({
      description: 'Must be filled before the form is submitted (Complete, in the player).',
    }),
    help_text: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Overrides the field’s own help text here.' }),
    ),
  },
  { additionalProperties: false },
)
export type FormItem = Static<typeof FormItem>

export const FormSection = Type.Object(
  {
    title: Type.String({ maxLength: 200, description: 'May be empty: a section without heading.' }),
    help_text: Type.String({ maxLength: 2000 }),
    items: Type.Array(FormItem, { maxItems: 200 }),
  },
  { additionalProperties: false },
)
export type FormSection = Static<typeof FormSection>

const FormWritable = {
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Unique in the organization.' }),
  description: Type.String({ maxLength: 5000 }),
  task_type: Nullable(
    Type.String({
      minLength: 1,
      maxLength: 1000,
      description:
        'Tasks created with this form get this `task_type`; the app offers the form under “New task”.',
    }),
  ),
  sections: Type.Array(FormSection, {
    minItems: 1,
    maxItems: 50,
    description: 'In order. A field appears at most once in a form.',
  }),
}

export const Form = Type.Object(
  {
    uid: Uid,
    ...FormWritable,
    queue_uids: Type.Array(Uid, {
      description: 'Queues whose tasks are completed through this form (set on the queue).',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Form' },
)
export type Form = Static<typeof Form>

export const CreateFormBody = Type.Object(
  {
    name: FormWritable.name,
    description: Type.Optional(FormWritable.description),
    task_type: Type.Optional(FormWritable.task_type),
    sections: FormWritable.sections,
  },
  { $id: 'CreateFormBody' },
)
export type CreateFormBody = Static<typeof CreateFormBody>

export const UpdateFormBody = Type.Partial(Type.Object(FormWritable), { $id: 'UpdateFormBody' })
export type UpdateFormBody = Static<typeof UpdateFormBody>

export const FormList = Type.Object(
  { items: Type.Array(Form) },
  {
    $id: 'FormList',
    description: `Every form of the organization (at most ${MAX_FORMS_PER_ORG}), by name.`,
  },
)
export type FormList = Static<typeof FormList>
