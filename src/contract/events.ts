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

/** The automation rule that made a change; a change by a user or the system has none. */
const EventAutomation = Nullable(
  Type.Object(
    {
      uid: Uid,
      name: Nullable(
        Type.String({ description: "The rule's name now; null once the rule is deleted." }),
      ),
    },
    {
      description:
        'The automation rule that made this change (GET /automations/{uid}); actor_uid is then null. Null for changes made by users or by the system.',
    },
  ),
)

export const TaskEvent = Type.Object(
  {
    id: Type.Integer(),
    task_uid: Uid,
    type: StringEnum(TASK_EVENT_TYPES),
    actor_uid: Nullable(Uid),
    data: Type.Record(Type.String(), Type.Unknown()),
    automation: EventAutomation,
    created_at: Timestamp,
  },
  { $id: 'TaskEvent' },
)
