import { type Static, Type } from '@sinclair/typebox'
import { SlaPolicy } from './calendar'
import { Nullable, Timestamp, Uid } from './common'
import { Condition, Sort } from './conditions'

const Skills = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 100,
  uniqueItems: true,
})

const QueueWritable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  position: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'Queues are tried in ascending position; the first whose condition matches wins.',
  }),
  // The shared recursive schema itself: a copy with its own description would carry the
  // same $id twice, which the validator refuses.
  condition: Condition,
  skills: { ...Skills, description: 'Skills an operator needs to be handed tasks of this queue.' },
  sla_policy: Nullable(SlaPolicy),
  form_uid: Nullable(
    Type.String({
      format: 'uuid',
      description:
        'A form (GET /forms) the player asks operators to fill before completing a task of this queue.',
    }),
  ),
  priority: Nullable(
    Type.Array(Sort, {
      maxItems: 5,
      description:
        'Dispatch order within the queue; null means SLA breach time, then due_at, then created_at.',
    }),
  ),
}

export const Queue = Type.Object(
  {
    uid: Uid,
    ...QueueWritable,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Queue' },
)
export type Queue = Static<typeof Queue>

export const CreateQueueBody = Type.Object(
  {
    name: QueueWritable.name,
    description: Type.Optional(QueueWritable.description),
    position: Type.Optional({
      ...QueueWritable.position,
      description: 'Default: after the last queue.',
    }),
    condition: Type.Optional(QueueWritable.condition),
    skills: Type.Optional(QueueWritable.skills),
    sla_policy: Type.Optional(QueueWritable.sla_policy),
    form_uid: Type.Optional(QueueWritable.form_uid),
    priority: Type.Optional(QueueWritable.priority),
  },
  { $id: 'CreateQueueBody' },
)
export type CreateQueueBody = Static<typeof CreateQueueBody>

export const UpdateQueueBody = Type.Partial(Type.Object(QueueWritable), { $id: 'UpdateQueueBody' })
export type UpdateQueueBody = Static<typeof UpdateQueueBody>
