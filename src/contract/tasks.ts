import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

export const TASK_STATUSES = ['TODO', 'STARTED', 'DONE'] as const
export const TaskStatus = StringEnum(TASK_STATUSES)
export type TaskStatus = Static<typeof TaskStatus>

/** Most tasks a batch request may carry. */
export const MAX_BATCH_ITEMS = 1000

const Skills = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 100,
  uniqueItems: true,
  description: 'Skills an operator needs to be handed this task.',
})

export const TaskFields = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    url: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  {
    additionalProperties: true,
    maxProperties: 500,
    description:
      '`title` (required) and `url` (optional), plus any custom fields, kept as given (any JSON).',
  },
)

/** Native keys a client may set on create or upsert. */
const WritableNativeKeys = {
  status: Type.Optional(TaskStatus),
  due_at: Type.Optional(Timestamp),
  archived: Type.Optional(Type.Boolean()),
  skills: Type.Optional(Skills),
  parent_uid: Type.Optional(Nullable(Uid)),
}

export const CreateTaskBody = Type.Object(
  {
    uid: Type.Optional(Uid),
    ...WritableNativeKeys,
    fields: TaskFields,
  },
  { $id: 'CreateTaskBody', description: 'A new task. Unknown top-level keys are ignored.' },
)
export type CreateTaskBody = Static<typeof CreateTaskBody>

export const UpsertTaskBody = Type.Object(
  {
    uid: Type.Optional(Uid),
    ...WritableNativeKeys,
    fields: TaskFields,
  },
  {
    $id: 'UpsertTaskBody',
    description:
      'Creates the task with this uid, or replaces its `fields`; native keys given are set, the others kept.',
  },
)
export type UpsertTaskBody = Static<typeof UpsertTaskBody>

const PatchFields = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
  {
    additionalProperties: true,
    maxProperties: 500,
    description:
      'Merged key by key into the task (RFC 7396): a key set to null is removed; `title` cannot be removed.',
  },
)

export const UpdateTaskBody = Type.Object(
  { ...WritableNativeKeys, fields: Type.Optional(PatchFields) },
  { $id: 'UpdateTaskBody' },
)
export type UpdateTaskBody = Static<typeof UpdateTaskBody>

const Seconds = (description: string) => Nullable(Type.Integer({ minimum: 0, description }))

export const Task = Type.Object(
  {
    uid: Uid,
    status: TaskStatus,
    archived: Type.Boolean(),
    due_at: Timestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Nullable(Timestamp),
    done_at: Nullable(Timestamp),
    snooze_expires_at: Nullable(Timestamp),
    fields: Type.Object(
      { title: Type.String(), url: Type.Optional(Type.String()) },
      { additionalProperties: true },
    ),
    queue_uid: Nullable(Uid),
    queue_updated_by: Nullable(Uid),
    assignee_uid: Nullable(Uid),
    assignee_updated_by: Nullable(Uid),
    assigned_at: Nullable(Timestamp),
    played_at: Nullable(Timestamp),
    skills: Type.Array(Type.String()),
    parent_uid: Nullable(Uid),
    sla_breach_at: Nullable(Timestamp),
    sla_breach_business_at: Nullable(Timestamp),
    queue_time: Seconds('Seconds from joining its queue to the first start (or now).'),
    queue_time_business: Seconds('queue_time counted in business hours.'),
    wait_time: Seconds('Seconds from creation to the first start (or now).'),
    wait_time_business: Seconds('wait_time counted in business hours.'),
    work_time: Seconds('Seconds the task spent STARTED, summed over every interval.'),
    work_time_business: Seconds('work_time counted in business hours.'),
    resolution_time: Seconds('Seconds from creation to completion; null while open.'),
    resolution_time_business: Seconds('resolution_time counted in business hours.'),
  },
  { $id: 'Task' },
)
export type Task = Static<typeof Task>

export const BatchCreateBody = Type.Object(
  { items: Type.Array(CreateTaskBody, { minItems: 1, maxItems: MAX_BATCH_ITEMS }) },
  { $id: 'BatchCreateBody' },
)
export type BatchCreateBody = Static<typeof BatchCreateBody>

export const BatchUpsertBody = Type.Object(
  {
    items: Type.Array(Type.Object({ uid: Uid, ...WritableNativeKeys, fields: TaskFields }), {
      minItems: 1,
      maxItems: MAX_BATCH_ITEMS,
    }),
  },
  { $id: 'BatchUpsertBody' },
)
export type BatchUpsertBody = Static<typeof BatchUpsertBody>

export const BatchUpdateBody = Type.Object(
  {
    items: Type.Array(
      Type.Object({ uid: Uid, ...WritableNativeKeys, fields: Type.Optional(PatchFields) }),
      {
        minItems: 1,
        maxItems: MAX_BATCH_ITEMS,
      },
    ),
  },
  { $id: 'BatchUpdateBody' },
)
export type BatchUpdateBody = Static<typeof BatchUpdateBody>

export const BatchItemResult = Type.Object({
  index: Type.Integer({ description: 'Position of the item in the request.' }),
  uid: Uid,
  status: Type.Integer({ description: 'HTTP status of this item alone: 200, 201, 404 or 409.' }),
  task: Type.Optional(Task),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
})

export const BatchResponse = Type.Object(
  { items: Type.Array(BatchItemResult) },
  { $id: 'BatchResponse' },
)
export type BatchResponse = Static<typeof BatchResponse>
