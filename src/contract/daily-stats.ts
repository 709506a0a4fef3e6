import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Uid } from './common'

const Day = Type.String({
  format: 'date',
  description: 'A local date (YYYY-MM-DD) in the organization time zone.',
})

export const DailyStatsQuery = Type.Object(
  {
    from: Type.Optional({ ...Day, description: 'First day (default: 29 days before `to`).' }),
    to: Type.Optional({ ...Day, description: 'Last day (default: today).' }),
    queue_uid: Type.Optional(Uid),
  },
  { $id: 'DailyStatsQuery' },
)
export type DailyStatsQuery = Static<typeof DailyStatsQuery>

export const DailyStats = Type.Object(
  {
    time_zone: Type.String(),
    days: Type.Array(
      Type.Object({
        date: Day,
        created: Type.Integer({ description: 'Tasks created that day.' }),
        done: Type.Integer({ description: 'Tasks completed that day.' }),
        breached: Type.Integer({
          description: 'Tasks whose SLA breach time fell that day while still open.',
        }),
        backlog: Type.Integer({ description: 'Open (unarchived) tasks at the end of the day.' }),
      }),
    ),
    queues: Type.Array(
      Type.Object({
        queue_uid: Uid,
        name: Type.String(),
        median_resolution_time: Nullable(
          Type.Number({ description: 'Seconds, over tasks completed in the period.' }),
        ),
      }),
    ),
  },
  { $id: 'DailyStats' },
)
export type DailyStats = Static<typeof DailyStats>
