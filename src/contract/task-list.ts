import { type Static, Type } from '@sinclair/typebox'
import { Nullable } from './common'
import { TASK_EXPANSIONS, Task } from './tasks'

/** The keys a task list can be sorted by: all non-null, so keyset pagination is exact. */
export const LIST_SORT_KEYS = ['due_at', 'created_at', 'updated_at'] as const

const SORT_VALUES = LIST_SORT_KEYS.flatMap((key) => [key, `-${key}`])

const Instant = (description: string) =>
  Type.Optional(Type.String({ format: 'date-time', description }))

const OneOrMany = Type.Union([
  Type.String({ maxLength: 1000 }),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
])

/** The parameters of `GET /tasks` with a meaning of their own; any other is a custom field. */
const listParams = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(
    Type.String({
      maxLength: 2000,
      description: 'next_cursor (or prev_cursor) of the page you come from.',
    }),
  ),
  sort: Type.Optional(
    Type.String({
      enum: SORT_VALUES,
      description: 'due_at (default), created_at or updated_at; prefix with - for descending.',
    }),
  ),
  order_by: Type.Optional(
    Type.String({
      maxLength: 100,
      description: `Fragment's name for \`sort\`, with the same values (${SORT_VALUES.join(', ')}); an unknown key is a 422 naming it. Give one of the two.`,
    }),
  ),
  status: Type.Optional(
    Type.String({
      pattern: '^(TODO|STARTED|DONE)(,(TODO|STARTED|DONE))*$',
      description: 'TODO, STARTED or DONE; comma-separated for several.',
    }),
  ),
  archived: Type.Optional(
    Type.String({
      enum: ['true', 'false', 'all'],
      description: 'Default false: archived tasks are hidden.',
    }),
  ),
  q: Type.Optional(
    Type.String({ maxLength: 500, description: 'Free text over title and all fields.' }),
  ),
  queue_uid: Type.Optional(Type.String()),
  assignee_uid: Type.Optional(Type.String()),
  assignee_email: Type.Optional(
    Type.String({ maxLength: 320, description: 'Tasks assigned to the user with this email.' }),
  ),
  parent_uid: Type.Optional(Type.String({ description: 'Sub-tasks of this task.' })),
  case_uid: Type.Optional(Type.String()),
  tags: Type.Optional(OneOrMany),
  due_at_gte: Instant('due_at on or after.'),
  due_at_lt: Instant('due_at before.'),
  created_at_gte: Instant('created_at on or after.'),
  created_at_lt: Instant('created_at before.'),
  updated_at_gte: Instant('updated_at on or after.'),
  updated_at_lt: Instant('updated_at before.'),
  created_at_after: Instant(
    'created_at strictly after (for polling: see docs/API.md, only settled milliseconds are listed).',
  ),
  created_at_before: Instant('created_at strictly before.'),
  updated_at_after: Instant('updated_at strictly after (for polling, as created_at_after).'),
  updated_at_before: Instant('updated_at strictly before.'),
  expand: Type.Optional(
    Type.String({
      pattern: `^(${TASK_EXPANSIONS.join('|')})(,(${TASK_EXPANSIONS.join('|')}))*$`,
      description: 'Embeds `assignee`, `parent` and/or `children` in each task (comma-separated).',
    }),
  ),
}

/** Every query parameter of `GET /tasks` with a meaning of its own, in one place. */
export const RESERVED_LIST_PARAMS = Object.keys(listParams) as (keyof typeof listParams)[]

export const ListTasksQuery = Type.Object(listParams, {
  additionalProperties: OneOrMany,
  maxProperties: 50,
  description: `Any parameter not reserved filters on the custom field of that name (\`?country=FR\`; \`fields.<name>\` for a custom field named like a reserved parameter). Repeat a parameter for "any of"; parameters are AND-ed. Reserved: ${RESERVED_LIST_PARAMS.join(', ')}.`,
})
export type ListTasksQuery = Static<typeof ListTasksQuery>

export const GetTaskQuery = Type.Object(
  { expand: listParams.expand },
  { description: 'Embeds `assignee`, `parent` and/or `children`.' },
)
export type GetTaskQuery = Static<typeof GetTaskQuery>

export const TaskPage = Type.Object(
  {
    items: Type.Array(Task),
    meta: Type.Object({
      limit: Type.Integer(),
      self_cursor: Nullable(Type.String()),
      prev_cursor: Nullable(
        Type.String({
          description: 'The page before this one, walking backwards; null on the first page.',
        }),
      ),
      next_cursor: Nullable(Type.String({ description: 'null on the last page.' })),
      total_count: Type.Integer({ description: 'Tasks matching the filters, across all pages.' }),
    }),
  },
  { $id: 'TaskPage' },
)
export type TaskPage = Static<typeof TaskPage>

/** Formats of `GET /tasks/export`. */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const

const { limit: _limit, cursor: _cursor, expand: _expand, ...filterParams } = listParams

export const ExportTasksQuery = Type.Object(
  {
    ...filterParams,
    format: Type.Optional(
      Type.String({
        enum: [...EXPORT_FORMATS],
        default: 'csv',
        description: 'csv (a header row, then a row per task) or jsonl (a task object per line).',
      }),
    ),
    columns: Type.Optional(
      Type.String({
        maxLength: 4000,
        description:
          'CSV only: comma-separated columns, in order. A task key (`uid`, `status`, `due_at`…), `queue_name`, `assignee_email`, or `fields.<key>` for a custom field. Default: uid, fields.title, status, queue_name, assignee_email, due_at, created_at, done_at, fields.url.',
      }),
    ),
  },
  {
    additionalProperties: OneOrMany,
    maxProperties: 50,
    $id: 'ExportTasksQuery',
    description: 'The filters of GET /tasks (custom fields included), a format and columns.',
  },
)
export type ExportTasksQuery = Static<typeof ExportTasksQuery>
