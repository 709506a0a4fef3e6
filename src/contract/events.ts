import { Type } from '@sinclair/typebox'
import { Nullable, StringEnum, Timestamp, Uid } from './common'

/** Kinds of entries in a task's history. */
export const TASK_EVENT_TYPES = [
  'created',
  'fields_changed',
  'updated',
  'routed',
  'assigned',
  'unassigned',
  'started',
  'paused',
  'skipped',
  'snoozed',
  'completed',
  'reopened',
  'archived',
  'unarchived',
  'commented',
] as const

export const TaskEvent = Type.Object(
  {
    id: Type.Integer(),
    task_uid: Uid,
    type: StringEnum(TASK_EVENT_TYPES),
    actor_uid: Nullable(Uid),
    data: Type.Record(Type.String(), Type.Unknown()),
    created_at: Timestamp,
  },
  { $id: 'TaskEvent' },
)
