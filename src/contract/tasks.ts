import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Role, StringEnum, Timestamp, Uid } from './common'

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

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 100,
  description:
    "Labels (Fragment's older API), kept as a list of strings; `?tags=` filters on them.",
})

const FreeObject = (description: string) =>
  Type.Object({}, { additionalProperties: true, maxProperties: 500, description })

const UidSaying = (description: string) => Nullable(Type.String({ format: 'uuid', description }))

const Text = (description: string) => Nullable(Type.String({ maxLength: 1000, description }))

/** Keys a client may set on any task write (create, PUT, PATCH, batch); all optional. */
const WritableNativeKeys = {
  status: Type.Optional(TaskStatus),
  due_at: Type.Optional(Timestamp),
  archived: Type.Optional(Type.Boolean()),
  skills: Type.Optional(Skills),
  parent_uid: Type.Optional(Nullable(Uid)),
  assignee_uid: Type.Optional(
    UidSaying(
      'Assigns the task by hand (admins, as POST /tasks/{uid}/assign; null unassigns) to an active user who may work tasks (operator or above).',
    ),
  ),
  assignee_email: Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 320,
        description: 'The same as `assignee_uid`, naming the user by email. Give one of the two.',
      }),
    ),
  ),
  queue_uid: Type.Optional(
    UidSaying(
      'Routes the task by hand (admins, as POST /tasks/{uid}/route): the rules then leave it there. null: in no queue.',
    ),
  ),
  tags: Type.Optional(Tags),
  case_uid: Type.Optional(UidSaying('The case the task belongs to.')),
  participants: Type.Optional(FreeObject('Free JSON about who takes part, kept as given.')),
  form_data: Type.Optional(FreeObject('Free JSON filled in by a form, kept as given.')),
  metadata_form_uid: Type.Optional(
    UidSaying('The form (GET /forms) the task was created or last completed with.'),
  ),
  review_status: Type.Optional(Text('Free text, kept as given.')),
  task_type: Type.Optional(Text('Free text, kept as given.')),
  external_id: Type.Optional(Text('The id of the task in an external system.')),
  external_status: Type.Optional(
    Text('Status in an external system; a change stamps `external_status_updated_at`.'),
  ),
  external_assignee_uid: Type.Optional(Text('Assignee id in an external system.')),
  external_created_at: Type.Optional(Nullable(Timestamp)),
  external_updated_at: Type.Optional(Nullable(Timestamp)),
}

/** The body keys that hand a task to someone or put it in a queue: admins only. */
export const ADMIN_TASK_KEYS = ['assignee_uid', 'assignee_email', 'queue_uid'] as const

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

const taskProperties = {
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
  is_assigned_player: Type.Boolean({
    description:
      'True while the task is held by the operator the player handed it to (`next`); false when unassigned or assigned by hand since.',
  }),
  skills: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  parent_uid: Nullable(Uid),
  case_uid: Nullable(Uid),
  num_children: Type.Integer({ description: 'Sub-tasks (parent_uid = this task), not archived.' }),
  num_children_done: Type.Integer({ description: 'Those of the sub-tasks that are DONE.' }),
  participants: Type.Object({}, { additionalProperties: true }),
  form_data: Type.Object({}, { additionalProperties: true }),
  metadata_form_uid: Nullable(Uid),
  review_status: Nullable(Type.String()),
  task_type: Nullable(Type.String()),
  external_id: Nullable(Type.String()),
  external_status: Nullable(Type.String()),
  external_status_updated_at: Nullable(Timestamp),
  external_assignee_uid: Nullable(Type.String()),
  external_created_at: Nullable(Timestamp),
  external_updated_at: Nullable(Timestamp),
  sla_breach_at: Nullable({
    ...Timestamp,
    description:
      'Fragment compatibility: creation + the policy’s resolution_minutes on the wall clock, whatever its clock, targets per field or pauses. The deadline the app uses is sla_due_at.',
  }),
  sla_breach_business_at: Nullable({
    ...Timestamp,
    description:
      'Fragment compatibility: creation + resolution_minutes of the organization calendar’s business time.',
  }),
  sla_due_at: Nullable({
    ...Timestamp,
    description:
      'The deadline of its queue’s SLA policy the task has to meet next: first response until it is started (or resolution, if sooner), then resolution. Null without a policy or while the policy’s pause condition stops its clock. Countdowns, breaching counts and dispatch use it.',
  }),
  first_response_due_at: Nullable({
    ...Timestamp,
    description: 'When its first start is due, on the policy’s clock, moved later by pauses.',
  }),
  resolution_due_at: Nullable({
    ...Timestamp,
    description: 'When its completion is due, on the policy’s clock, moved later by pauses.',
  }),
  sla_paused_since: Nullable({
    ...Timestamp,
    description: 'Since when the policy’s pause condition stops the clock; null when it runs.',
  }),
  queue_time: Seconds('Seconds from joining its queue to the first start (or now).'),
  queue_time_business: Seconds('queue_time counted in business hours.'),
  wait_time: Seconds('Seconds from creation to the first start (or now).'),
  wait_time_business: Seconds('wait_time counted in business hours.'),
  work_time: Seconds('Seconds the task spent STARTED, summed over every interval.'),
  work_time_business: Seconds('work_time counted in business hours.'),
  incremental_work_time: Seconds(
    'Seconds of the work interval running now (0 when nobody is working on it): what the current session adds to work_time.',
  ),
  incremental_work_time_business: Seconds('incremental_work_time counted in business hours.'),
  resolution_time: Seconds('Seconds from creation to completion; null while open.'),
  resolution_time_business: Seconds('resolution_time counted in business hours.'),
}

/** What `expand` may embed in a task. */
export const TASK_EXPANSIONS = ['assignee', 'parent', 'children'] as const
export type TaskExpansion = (typeof TASK_EXPANSIONS)[number]

export const TaskAssignee = Type.Object(
  {
    uid: Uid,
    email: Type.String(),
    name: Type.String(),
    first_name: Type.String({ description: 'The first word of `name`.' }),
    last_name: Type.String({ description: 'The rest of `name` (empty for a one-word name).' }),
    role: Role,
    skills: Type.Array(Type.String()),
    archived: Type.Boolean({ description: 'True when the user is deactivated.' }),
    created_at: Timestamp,
  },
  { $id: 'TaskAssignee', description: 'The assigned user, embedded with `expand=assignee`.' },
)
export type TaskAssignee = Static<typeof TaskAssignee>

// No $id: a schema with one may appear only once in a response schema (fast-json-stringify),
// and a task embeds this twice (parent and children).
export const LinkedTask = Type.Object(taskProperties, {
  description: 'A parent or sub-task as `expand` embeds it (without expansions of its own).',
})
export type LinkedTask = Static<typeof LinkedTask>

export const Task = Type.Object(
  {
    ...taskProperties,
    assignee: Type.Optional(Nullable(TaskAssignee)),
    parent: Type.Optional(Nullable(LinkedTask)),
    children: Type.Optional(
      Type.Array(LinkedTask, {
        description: 'Sub-tasks, not archived, oldest first (at most 100).',
      }),
    ),
  },
  {
    $id: 'Task',
    description:
      '`assignee`, `parent` and `children` are present only when asked for with `expand`.',
  },
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
