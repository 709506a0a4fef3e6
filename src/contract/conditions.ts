import { type Static, Type } from '@sinclair/typebox'
import { StringEnum } from './common'

/** Operators a condition leaf may use. */
export const CONDITION_OPERATORS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'contains',
  'exists',
] as const
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number]

/** How a group combines its children. */
export const CONDITION_COMBINATORS = ['and', 'or'] as const

/** Most children one group may hold; the total size is also capped by `validateCondition`. */
export const MAX_GROUP_CONDITIONS = 100

const negated = Type.Optional(
  Type.Boolean({ description: 'When true, the node matches exactly when it would not.' }),
)
const disabled = Type.Optional(
  Type.Boolean({
    description:
      'When true, the node is ignored, as if absent: a UI keeps it without applying it. ' +
      'A group whose children are all disabled (or that has none) matches every task.',
  }),
)

export const ConditionLeaf = Type.Object(
  {
    field: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'A native task field (`uid`, `status`, `archived`, `due_at`, `created_at`, `updated_at`, ' +
        '`started_at`, `done_at`, `snooze_expires_at`, `sla_due_at`, `queue_uid`, `assignee_uid`, ' +
        '`skills`, `parent_uid`) or a custom field name (`title`, `url`, `country`…). The prefix `fields.` ' +
        'always means a custom field (`fields.status`); dots after it are part of the key.',
      examples: ['status', 'country', 'fields.status'],
    }),
    operator: StringEnum(CONDITION_OPERATORS, {
      description:
        '`==`/`!=`: JSON equality, type-sensitive ("123" ≠ 123). `<` `<=` `>` `>=`: numbers ' +
        'against numbers, strings against strings (by code point), dates on date fields. ' +
        '`in`: equal to one item of the array `value`. `contains`: case-insensitive (A–Z) ' +
        'substring of a string field, or membership in `skills` or a JSON array field. ' +
        '`exists`: the field has a value (`value: false` tests the opposite). A missing field ' +
        'never matches, except with `!=` (and negation).',
    }),
    value: Type.Optional(
      Type.Unknown({
        description: 'Any JSON value; its required type depends on the operator and the field.',
      }),
    ),
    negated,
    disabled,
  },
  { description: 'A test on one field of the task.' },
)
export type ConditionLeaf = Static<typeof ConditionLeaf>

/**
 * The condition schema under `$id`: a schema with an `$id` may appear only once in a route's
 * schema, so a second place that takes a condition (an SLA policy's pause) needs its own.
 */
export function conditionSchema<Id extends string>($id: Id, description: string) {
  return Type.Recursive(
    (Self) =>
      Type.Union([
        Type.Object(
          {
            combinator: StringEnum(CONDITION_COMBINATORS, {
              description: '`and`: every child matches; `or`: at least one does.',
            }),
            conditions: Type.Array(Self, { maxItems: MAX_GROUP_CONDITIONS }),
            negated,
            disabled,
          },
          { description: 'A group of conditions; at most 10 groups deep.' },
        ),
        ConditionLeaf,
      ]),
    { $id, description },
  )
}

export const Condition = conditionSchema(
  'Condition',
  'A filter on tasks: a group (`combinator` + `conditions`) or a leaf (`field` + `operator`).',
)
export type Condition = Static<typeof Condition>
export type ConditionGroup = Extract<Condition, { combinator: unknown }>

export const SortDirection = StringEnum(['ascending', 'descending'] as const, {
  description: 'Missing values come last in both directions.',
})

export const Sort = Type.Object(
  {
    field: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'A field, as in a condition.',
    }),
    direction: SortDirection,
  },
  { description: 'One sort key; custom fields order by JSON type, then value.' },
)
export type Sort = Static<typeof Sort>

const FieldName = Type.String({ minLength: 1, maxLength: 200 })

/** The aggregates `POST /tasks/query` computes. */
export const METRIC_TYPES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const

export const Metric = Type.Object({
  type: StringEnum(METRIC_TYPES, {
    description:
      '`count`: the number of tasks (with `field`: those that have it); `count_distinct`: distinct values of `field`; `sum`, `avg`, `min`, `max`: over the numbers in `field` (other values are skipped). `min`/`max` also take a native date field.',
  }),
  field: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'A field as in a condition, or `num_children`/`num_children_done`; required except for `count`.',
    }),
  ),
})
export type Metric = Static<typeof Metric>

export const QueryTasksBody = Type.Object(
  {
    condition: Type.Optional(Condition),
    selects: Type.Optional(
      Type.Array(FieldName, {
        maxItems: 100,
        description: 'Fields to return, as in a condition; all fields when absent.',
      }),
    ),
    sorts: Type.Optional(
      Type.Array(Sort, {
        maxItems: 5,
        description: 'Sort keys, most significant first; missing values sort last; ties by uid.',
      }),
    ),
    groups: Type.Optional(
      Type.Array(FieldName, {
        maxItems: 3,
        description: 'Fields to group by; each item of the response is then one group.',
      }),
    ),
    metrics: Type.Optional(
      Type.Record(Type.String(), Metric, {
        maxProperties: 20,
        description:
          'Aggregates per group (or over every matching task, without `groups`), keyed by the name they get in the response.',
        examples: [{ total: { type: 'count' }, amount: { type: 'sum', field: 'amount' } }],
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        default: 100,
        description: 'Most items returned.',
      }),
    ),
    archived: Type.Optional(
      // An enum, not a `const`, which OpenAPI 3.0 lacks.
      Type.Union([Type.Boolean(), StringEnum(['all'] as const)], {
        default: false,
        description: '`false`: only unarchived tasks; `true`: only archived ones; `all`: both.',
      }),
    ),
  },
  { $id: 'QueryTasksBody', description: 'Filter, sort, group and count tasks.' },
)
export type QueryTasksBody = Static<typeof QueryTasksBody>
