import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Timestamp, Uid } from './common'
import { Task } from './tasks'

export const StartPlayingBody = Type.Object(
  {
    queue_uids: Type.Optional(
      Nullable(
        Type.Array(Uid, {
          maxItems: 100,
          description:
            'Queues to play, in any order (they are served by position). Omit or null: every queue you may work.',
        }),
      ),
    ),
  },
  { $id: 'StartPlayingBody' },
)
export type StartPlayingBody = Static<typeof StartPlayingBody>

export const PlayerTaskBody = Type.Object(
  {
    task_uid: Type.Optional(Type.Union([Uid], { description: 'Default: your task in progress.' })),
  },
  { $id: 'PlayerTaskBody' },
)
export type PlayerTaskBody = Static<typeof PlayerTaskBody>

export const CompleteBody = Type.Object(
  {
    task_uid: Type.Optional(Type.Union([Uid], { description: 'Default: your task in progress.' })),
    form_data: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          maxProperties: 500,
          description:
            'Values entered in the form of the task’s queue, by field key: merged into the task’s `fields` and kept in `form_data`. Complete is refused (422, naming each field) while a required field of the form, or a field definition marked `required_for_completion`, has no value.',
        },
      ),
    ),
  },
  { $id: 'CompleteBody' },
)
export type CompleteBody = Static<typeof CompleteBody>

export const SkipBody = Type.Object(
  {
    task_uid: Type.Optional(Uid),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why the task is skipped.' }),
    snooze_until: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'In snooze mode, when the task comes back (default: the organization’s snooze_minutes).',
      }),
    ),
  },
  { $id: 'SkipBody' },
)
export type SkipBody = Static<typeof SkipBody>

export const PlayerSession = Type.Object({
  queue_uids: Nullable(Type.Array(Uid)),
  started_at: Timestamp,
  completed: Type.Integer({ description: 'Tasks completed in this session.' }),
})

export const PlayerState = Type.Object(
  { session: Nullable(PlayerSession), current: Nullable(Task) },
  { $id: 'PlayerState' },
)

export const NextBody = Type.Object(
  {
    include_skipped: Type.Optional(
      Type.Boolean({
        description:
          'Also serve tasks you skipped in this session (default false: they are passed over).',
      }),
    ),
  },
  { $id: 'NextBody' },
)
export type NextBody = Static<typeof NextBody>

export const PlayedTask = Type.Object(
  {
    task: Nullable(Task),
    skipped_available: Type.Integer({
      minimum: 0,
      description:
        'With `task` null: how many tasks you skipped in this session you could be served now (send `include_skipped: true` to get them); 0 when nothing at all is left, and 0 with a task.',
    }),
  },
  {
    $id: 'PlayedTask',
    description:
      '`task` is null when there is nothing left to do, or when only tasks you skipped in this session are left (`skipped_available` > 0).',
  },
)

export const StopResult = Type.Object(
  { released: Type.Integer({ description: 'Unfinished tasks given back to the pool.' }) },
  { $id: 'StopResult' },
)
