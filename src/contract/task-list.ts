import { type Static, Type } from '@sinclair/typebox'
import { Nullable } from './common'
import { Task } from './tasks'

export const ListTasksQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 2000, description: 'next_cursor of the previous page.' }),
    ),
    sort: Type.Optional(
      Type.String({
        enum: ['due_at', '-due_at', 'created_at', '-created_at', 'updated_at', '-updated_at'],
        description: 'due_at (default), created_at or updated_at; prefix with - for descending.',
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
    due_at_gte: Type.Optional(Type.String({ format: 'date-time' })),
    due_at_lt: Type.Optional(Type.String({ format: 'date-time' })),
    created_at_gte: Type.Optional(Type.String({ format: 'date-time' })),
    created_at_lt: Type.Optional(Type.String({ format: 'date-time' })),
    updated_at_gte: Type.Optional(Type.String({ format: 'date-time' })),
    updated_at_lt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 1000 }),
      Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
    ]),
    maxProperties: 50,
    description:
      'Any other parameter filters on the custom field of that name (`?country=FR`; `fields.status=x` for a custom field named like a parameter). Repeat a parameter for "any of"; parameters are AND-ed.',
  },
)
export type ListTasksQuery = Static<typeof ListTasksQuery>

export const TaskPage = Type.Object(
  {
    items: Type.Array(Task),
    meta: Type.Object({
      limit: Type.Integer(),
      self_cursor: Nullable(Type.String()),
      prev_cursor: Nullable(
        Type.String({ description: 'Always null: walk forward with next_cursor.' }),
      ),
      next_cursor: Nullable(Type.String({ description: 'null on the last page.' })),
      total_count: Type.Integer({ description: 'Tasks matching the filters, across all pages.' }),
    }),
  },
  { $id: 'TaskPage' },
)
export type TaskPage = Static<typeof TaskPage>
