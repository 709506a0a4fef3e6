import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Timestamp, Uid } from './common'

/** Most views one user may own, shared ones included. */
export const MAX_VIEWS_PER_USER = 100

const FilterValue = Type.Union([
  Type.String({ maxLength: 1000 }),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
])

const ViewColumn = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 210,
      description:
        'As in GET /tasks/export: a task key (`status`, `due_at`…), `queue_name`, `assignee_email` or `fields.<key>`.',
    }),
    width: Type.Optional(
      Type.Integer({ minimum: 40, maximum: 2000, description: 'Pixels, as the user left it.' }),
    ),
  },
  { additionalProperties: false },
)

const ViewWritable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  filter: Type.Object(
    {},
    {
      additionalProperties: FilterValue,
      maxProperties: 50,
      description:
        'The query parameters of GET /tasks, as an object (`{"status": "TODO", "country": ["FR", "DE"], "q": "refund"}`); `limit`, `cursor` and `expand` are not part of a view.',
    },
  ),
  columns: Type.Array(ViewColumn, { maxItems: 50, description: 'In display order.' }),
  sort: Nullable(
    Type.String({
      maxLength: 100,
      description:
        'A `sort` value of GET /tasks; null: the list’s default (or dispatch order in a queue).',
    }),
  ),
  shared: Type.Boolean({
    description: 'Shown to everyone in the organization; only its owner and admins change it.',
  }),
  pinned: Type.Boolean({ description: 'Listed in the backlog’s sidebar with its live count.' }),
}

export const View = Type.Object(
  {
    uid: Uid,
    ...ViewWritable,
    owner_uid: Uid,
    count: Type.Optional(
      Type.Integer({ description: 'Tasks matching the filter now (GET /views?counts=true).' }),
    ),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'View' },
)
export type View = Static<typeof View>

export const CreateViewBody = Type.Object(
  {
    name: ViewWritable.name,
    filter: Type.Optional(ViewWritable.filter),
    columns: Type.Optional(ViewWritable.columns),
    sort: Type.Optional(ViewWritable.sort),
    shared: Type.Optional(ViewWritable.shared),
    pinned: Type.Optional(ViewWritable.pinned),
  },
  { $id: 'CreateViewBody' },
)
export type CreateViewBody = Static<typeof CreateViewBody>

export const UpdateViewBody = Type.Partial(Type.Object(ViewWritable), { $id: 'UpdateViewBody' })
export type UpdateViewBody = Static<typeof UpdateViewBody>

export const ListViewsQuery = Type.Object({
  counts: Type.Optional(
    Type.Boolean({
      description: 'Also count the tasks each view matches now (one count per view).',
    }),
  ),
})

export const ViewList = Type.Object(
  { items: Type.Array(View) },
  {
    $id: 'ViewList',
    description: 'Your views and the organization’s shared ones: pinned first, then by name.',
  },
)
