import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Timestamp, Uid } from './common'

const count = (description: string) => Type.Integer({ minimum: 0, description })

const median = (what: string) =>
  Nullable(
    Type.Number({
      minimum: 0,
      description: `Median ${what} of the tasks completed in the last 24 hours, in seconds (to the millisecond); null when none was.`,
    }),
  )

/**
 * The backlog figures of one queue, or of the tasks in no queue. Archived tasks count
 * nowhere, and tasks are counted in the queue they are in (a completed task stays in the
 * queue it was completed in).
 */
export const QueueStats = Type.Object(
  {
    queue_uid: Nullable({ ...Uid, description: 'The queue; null for the tasks in no queue.' }),
    queue_name: Nullable(Type.String()),
    measured_at: {
      ...Timestamp,
      description: 'The instant the figures describe: ages and "last hour" count from here.',
    },
    open: count('Tasks not done (TODO or STARTED), assigned or not.'),
    started: count('Open tasks being worked on (STARTED).'),
    overdue: count('Open tasks whose due_at has passed.'),
    breaching_sla: count(
      'Open tasks that have missed a deadline of their SLA policy (first response or resolution): one that has passed, not one still ahead.',
    ),
    oldest_open_age: Nullable(
      Type.Integer({
        minimum: 0,
        description:
          'Whole seconds since the oldest open task was created; null when nothing is open.',
      }),
    ),
    done_last_hour: count('Tasks completed in the last hour.'),
    done_last_day: count('Tasks completed in the last 24 hours.'),
    median_resolution_time: median('resolution time (creation to completion)'),
    median_wait_time: median('wait time (creation to start)'),
    median_work_time: median('work time (time spent STARTED)'),
    sla_compliance_last_day: Nullable(
      Type.Number({
        minimum: 0,
        maximum: 100,
        description:
          'Per cent (one decimal) of the tasks completed in the last 24 hours with SLA deadlines that met them all; null when there were none.',
      }),
    ),
  },
  { $id: 'QueueStats' },
)
export type QueueStats = Static<typeof QueueStats>

export const QueueStatsList = Type.Object(
  {
    items: Type.Array(QueueStats, {
      description: 'Every queue in routing order, then the tasks in no queue (queue_uid null).',
    }),
  },
  { $id: 'QueueStatsList' },
)
export type QueueStatsList = Static<typeof QueueStatsList>
