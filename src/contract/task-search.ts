import { type Static, Type } from '@sinclair/typebox'
import { Task } from './tasks'

/** Most results one search returns: a search box shows the best few, the list pages. */
export const MAX_SEARCH_RESULTS = 50

export const SearchTasksQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 500,
      description:
        'Words in any order; each matches the start of a word in any field value, accents and case ignored. A task uid finds that task.',
    }),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_SEARCH_RESULTS,
        default: 20,
        description: `At most ${MAX_SEARCH_RESULTS}.`,
      }),
    ),
    archived: Type.Optional(
      Type.String({
        enum: ['true', 'false', 'all'],
        description: 'Default false: archived tasks are not searched.',
      }),
    ),
  },
  { $id: 'SearchTasksQuery' },
)
export type SearchTasksQuery = Static<typeof SearchTasksQuery>

export const SearchMatch = Type.Object({
  field: Type.String({ description: 'The key of the field whose value matched.' }),
  snippet: Type.String({ description: 'The matching part of the value, at most ~120 characters.' }),
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description:
      'Start (inclusive) and end (exclusive) offsets, in `snippet`, of each matched word.',
  }),
})
export type SearchMatch = Static<typeof SearchMatch>

export const TaskSearchResults = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        task: Task,
        matches: Type.Array(SearchMatch, {
          description: 'The fields that matched, best first (title first). Empty for a uid match.',
        }),
      }),
    ),
  },
  {
    $id: 'TaskSearchResults',
    description:
      'Best first: the task whose uid was given, then tasks with a field equal to the whole text, then by relevance (title words weigh most), then newest.',
  },
)
export type TaskSearchResults = Static<typeof TaskSearchResults>
