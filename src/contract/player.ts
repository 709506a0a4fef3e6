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

export const PlayedTask = Type.Object(
  {
    task: Nullable(Task),
  },
  { $id: 'PlayedTask', description: '`task` is null when there is nothing left to do.' },
)

export const StopResult = Type.Object(
  { released: Type.Integer({ description: 'Unfinished tasks given back to the pool.' }) },
  { $id: 'StopResult' },
)
