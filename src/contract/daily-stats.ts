import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Uid } from './common'

const Day = Type.String({
  format: 'date',
  description: 'A local date (YYYY-MM-DD) in the organization time zone.',
})

const Compliance = Nullable(
  Type.Number({
    minimum: 0,
    maximum: 100,
    description: 'sla_met as a per cent of sla_due (one decimal); null when sla_due is 0.',
  }),
)

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
          description:
            'Tasks that missed a deadline of their SLA policy (first response or resolution, `sla_due_at`) that day; a deadline counts only once it has passed.',
        }),
        backlog: Type.Integer({ description: 'Open (unarchived) tasks at the end of the day.' }),
        sla_due: Type.Integer({
          description: 'Tasks completed that day that had deadlines of an SLA policy.',
        }),
        sla_met: Type.Integer({ description: 'Those of `sla_due` that met all their deadlines.' }),
        sla_compliance: Compliance,
      }),
    ),
    queues: Type.Array(
      Type.Object({
        queue_uid: Uid,
        name: Type.String(),
        median_resolution_time: Nullable(
          Type.Number({ description: 'Seconds, over tasks completed in the period.' }),
        ),
        sla_due: Type.Integer({
          description: 'Tasks of the queue completed in the period with SLA deadlines.',
        }),
        sla_met: Type.Integer({ description: 'Those of `sla_due` that met all their deadlines.' }),
        sla_compliance: Compliance,
      }),
    ),
  },
  { $id: 'DailyStats' },
)
export type DailyStats = Static<typeof DailyStats>
