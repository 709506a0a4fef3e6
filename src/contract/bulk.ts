import { type Static, type TProperties, Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'
import { ERRORS } from './errors'
import { TaskStatus } from './tasks'

/** Most uids one `uids` selection may name: they are changed in one transaction. */
export const MAX_BULK_UIDS = 1000

/** Most tasks of a `filter` selection changed per request (one transaction each). */
export const BULK_CHUNK_SIZE = 500

/** How long a bulk action can be undone, in days; its undo record is deleted after that. */
export const BULK_UNDO_DAYS = 7

const FilterValue = Type.Union([
  Type.String({ maxLength: 1000 }),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
])

export const BulkSelection = Type.Object(
  {
    uids: Type.Optional(
      Type.Array(Uid, {
        maxItems: MAX_BULK_UIDS,
        description: `Up to ${MAX_BULK_UIDS} task uids, changed in one transaction. A uid named twice counts once.`,
      }),
    ),
    filter: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: FilterValue,
          maxProperties: 50,
          description:
            'The query parameters of GET /tasks, as an object (`{"status": "TODO", "country": ["FR", "DE"], "q": "refund"}`): every task they match, not one page. `sort`, `order_by` and `expand` are allowed and change nothing; `limit` and `cursor` are refused (select `uids` to act on one page).',
        },
      ),
    ),
    after: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          '`next` of the previous answer, to go on with the same filter and action. The rest of the body must be the same as in the first request.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Give `uids`, or `filter` (and `after` to go on with it).',
  },
)

/** One variant of the action union: `type` plus its own keys. */
const variant = <T extends string, P extends TProperties>(type: T, description: string, keys: P) =>
  Type.Object({ type: Type.Literal(type), ...keys }, { additionalProperties: false, description })

const ACTION_VARIANTS = [
  variant('assign', 'Assign by hand, as POST /tasks/{uid}/assign.', { assignee_uid: Uid }),
  variant('unassign', 'Back to the pool, as POST /tasks/{uid}/unassign.', {}),
  variant(
    'route',
    'Route by hand, as POST /tasks/{uid}/route: `queue_uid` (null: in no queue), or `automatic: true` to hand the tasks back to the queue rules. Give one of the two.',
    {
      queue_uid: Type.Optional(Nullable(Uid)),
      automatic: Type.Optional(Type.Literal(true)),
    },
  ),
  variant('set_status', 'As PATCH {"status": …}; STARTED needs an assignee.', {
    status: TaskStatus,
  }),
  variant(
    'set_field',
    'Sets one custom field, as PATCH {"fields": {key: value}} (null removes it).',
    {
      key: Type.String({ minLength: 1, maxLength: 200 }),
      value: Type.Unknown({ description: 'Any JSON.' }),
    },
  ),
  variant('clear_field', 'Removes one custom field (not `title`).', {
    key: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  variant(
    'snooze',
    'Asleep until `until`: not handed out by the player before then; a started task is paused (it keeps its assignee). Finished tasks are refused.',
    { until: Timestamp },
  ),
  variant('wake', 'Ends a snooze now.', {}),
  variant('archive', 'As DELETE /tasks/{uid}.', {}),
  variant('restore', 'As PATCH {"archived": false}.', {}),
] as const

export const BULK_ACTION_TYPES = [
  'assign',
  'unassign',
  'route',
  'set_status',
  'set_field',
  'clear_field',
  'snooze',
  'wake',
  'archive',
  'restore',
] as const

const ActionUnion = Type.Union([...ACTION_VARIANTS])

/**
 * The action, one object per `type`. A `oneOf` with a discriminator, so that a wrong action
 * is told about the keys of its own type only, not of every other type.
 */
export const BulkAction = Type.Unsafe<Static<typeof ActionUnion>>({
  // Ajv's discriminator judges objects only: without the type, null or a number passed as valid.
  type: 'object',
  oneOf: [...ACTION_VARIANTS],
  discriminator: { propertyName: 'type' },
  description: `One of: ${BULK_ACTION_TYPES.join(', ')}.`,
})
export type BulkAction = Static<typeof ActionUnion>

export const BulkActionBody = Type.Object(
  { selection: BulkSelection, action: BulkAction },
  { $id: 'BulkActionBody' },
)
export type BulkActionBody = Static<typeof BulkActionBody>

const ErrorCode = StringEnum(Object.keys(ERRORS) as (keyof typeof ERRORS)[])

const TaskProblem = (description: string) =>
  Type.Array(
    Type.Object({
      uid: Type.String(),
      code: ErrorCode,
      message: Type.String(),
    }),
    { description },
  )

export const BulkActionResult = Type.Object(
  {
    matched_total: Type.Integer({
      minimum: 0,
      description:
        'Tasks selected: the distinct uids, or the tasks processed so far plus those the filter matches beyond them now.',
    }),
    processed: Type.Integer({
      minimum: 0,
      description:
        'Tasks looked at so far, over every request of this bulk action (changed + unchanged + failed): processed / matched_total is the progress.',
    }),
    changed: Type.Integer({ minimum: 0, description: 'So far, over every request.' }),
    unchanged: Type.Integer({
      minimum: 0,
      description: 'Already as the action would leave them (no history entry), so far.',
    }),
    failed: TaskProblem(
      'The tasks of this request the action could not apply to, and why. They are unchanged. (A uid naming no task of your organization refuses the whole request with a 422.)',
    ),
    next: Nullable(
      Type.String({
        description:
          'More tasks match: send the same body again with `selection.after` set to this. null: done.',
      }),
    ),
    undo_uid: Type.String({
      format: 'uuid',
      description: `POST /tasks/bulk/{undo_uid}/undo reverts it, for ${BULK_UNDO_DAYS} days; the same for every request of one bulk action.`,
    }),
  },
  { $id: 'BulkActionResult' },
)
export type BulkActionResult = Static<typeof BulkActionResult>

export const BulkUndoResult = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Tasks the bulk action changed.' }),
    processed: Type.Integer({ minimum: 0, description: 'Restored or skipped so far.' }),
    restored: Type.Integer({ minimum: 0, description: 'Back as they were, so far.' }),
    skipped: TaskProblem(
      'The tasks of this request left as they are, and why (`version_conflict`: changed since the bulk action).',
    ),
    remaining: Type.Integer({
      minimum: 0,
      description: 'Tasks not looked at yet: call again while above 0.',
    }),
  },
  { $id: 'BulkUndoResult' },
)
export type BulkUndoResult = Static<typeof BulkUndoResult>
