import { type Static, Type } from '@sinclair/typebox'
import { Nullable, StringEnum } from './common'
import { conditionSchema } from './conditions'

/** Most intervals one weekday may hold. */
export const MAX_DAY_INTERVALS = 4

/** Most holidays one calendar may list. */
export const MAX_HOLIDAYS = 1000

/** Longest SLA a policy may set, in minutes: one year. */
export const MAX_SLA_MINUTES = 525_600

/** The calendar's weekday keys, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
/** A weekday key of `weekly_hours`. */
export type Weekday = (typeof WEEKDAYS)[number]

/** One stretch of working hours within a local day. */
export const BusinessInterval = Type.Object(
  {
    start: Type.String({
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      description: 'Local opening time, "HH:MM" on a 24-hour clock (00:00 to 23:59).',
      examples: ['09:00'],
    }),
    end: Type.String({
      pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
      description: 'Local closing time, after `start`; "24:00" means the end of the day.',
      examples: ['18:00'],
    }),
  },
  {
    additionalProperties: false,
    description:
      'A stretch of working time within one local day, from `start` to `end` (excluded).',
  },
)
export type BusinessInterval = Static<typeof BusinessInterval>

const dayHours = (day: string) =>
  Type.Array(BusinessInterval, {
    maxItems: MAX_DAY_INTERVALS,
    description: `Working hours on ${day}, as non-overlapping intervals; empty when closed.`,
  })

/** Working hours for each of the seven weekdays. */
export const WeeklyHours = Type.Object(
  {
    mon: dayHours('Mondays'),
    tue: dayHours('Tuesdays'),
    wed: dayHours('Wednesdays'),
    thu: dayHours('Thursdays'),
    fri: dayHours('Fridays'),
    sat: dayHours('Saturdays'),
    sun: dayHours('Sundays'),
  },
  {
    additionalProperties: false,
    description:
      'Working hours for each weekday, in local wall-clock time: on a day when clocks change, ' +
      '09:00–18:00 is still nine hours unless the change falls inside it.',
  },
)
export type WeeklyHours = Static<typeof WeeklyHours>

/** An organization's business calendar: zone, weekly hours and holidays. */
export const Calendar = Type.Object(
  {
    time_zone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone in which hours and holidays are read.',
      examples: ['Europe/Paris', 'UTC'],
    }),
    weekly_hours: WeeklyHours,
    holidays: Type.Array(
      Type.String({
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: 'A local date, "YYYY-MM-DD".',
        examples: ['2025-12-25'],
      }),
      {
        maxItems: MAX_HOLIDAYS,
        description: 'Local dates with no working hours at all, whatever the weekday.',
      },
    ),
  },
  {
    $id: 'Calendar',
    additionalProperties: false,
    description:
      'The business calendar: when business time elapses, for the `_business` task metrics ' +
      'and `sla_breach_business_at`.',
  },
)
export type Calendar = Static<typeof Calendar>

const officeDay = (): BusinessInterval[] => [{ start: '09:00', end: '18:00' }]

/** The calendar of an organization that set none: UTC, Monday to Friday 09:00–18:00. */
export const DEFAULT_CALENDAR: Calendar = {
  time_zone: 'UTC',
  weekly_hours: {
    mon: officeDay(),
    tue: officeDay(),
    wed: officeDay(),
    thu: officeDay(),
    fri: officeDay(),
    sat: [],
    sun: [],
  },
  holidays: [],
}

/** The clocks an SLA policy may count in. */
export const SLA_CLOCKS = ['calendar', 'business'] as const
/** `calendar`: wall-clock time. `business`: the business hours of the policy's calendar. */
export type SlaClock = (typeof SLA_CLOCKS)[number]

/** Most values one policy may set targets for. */
export const MAX_SLA_FIELD_VALUES = 50

const slaMinutes = (description: string) =>
  Type.Integer({ minimum: 1, maximum: MAX_SLA_MINUTES, description })

const FIRST_RESPONSE_DESCRIPTION =
  'Time allowed from a task’s creation to its first start (STARTED), on the policy’s clock.'
const RESOLUTION_DESCRIPTION =
  'Time allowed from a task’s creation to its completion (DONE), on the policy’s clock. It ' +
  'also gives the Fragment-compatible `sla_breach_at` (that many wall-clock minutes) and ' +
  '`sla_breach_business_at` (that many minutes of the organization calendar’s business time).'

/** The condition that stops an SLA policy's clock (the condition language, its own `$id`). */
export const SlaPauseCondition = conditionSchema(
  'SlaPauseCondition',
  'The clock stops while the task matches this condition (e.g. `waiting_on == customer`).',
)

/** The targets of a policy, or of one value of its field. */
export const SlaTargets = Type.Object(
  {
    first_response_minutes: Type.Optional(slaMinutes(FIRST_RESPONSE_DESCRIPTION)),
    resolution_minutes: Type.Optional(slaMinutes(RESOLUTION_DESCRIPTION)),
  },
  {
    additionalProperties: false,
    description:
      'Targets for the tasks whose field has this value; a target left out is the policy’s own.',
  },
)
export type SlaTargets = Static<typeof SlaTargets>

/** An SLA policy: its clock, its calendar, its targets, and when its clock stops. */
export const SlaPolicy = Type.Object(
  {
    clock: Type.Optional(
      StringEnum(SLA_CLOCKS, {
        description:
          '`calendar` (the default, what a policy of `resolution_minutes` alone always ' +
          'meant): wall-clock minutes. `business`: minutes of business time of `calendar_uid`.',
      }),
    ),
    calendar_uid: Type.Optional(
      Nullable(
        Type.String({
          format: 'uuid',
          description:
            'A named calendar (GET /calendars) whose hours and holidays a `business` clock ' +
            'counts; null or left out: the organization calendar (GET /settings/calendar).',
        }),
      ),
    ),
    first_response_minutes: Type.Optional(slaMinutes(FIRST_RESPONSE_DESCRIPTION)),
    resolution_minutes: Type.Optional(slaMinutes(RESOLUTION_DESCRIPTION)),
    by_field: Type.Optional(
      Nullable(
        Type.Object(
          {
            field: Type.String({
              minLength: 1,
              maxLength: 200,
              description:
                'A key of the task’s `fields` (`fields.` prefix allowed), e.g. `priority`.',
            }),
            targets: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), SlaTargets, {
              maxProperties: MAX_SLA_FIELD_VALUES,
              description:
                'Targets per value of the field (numbers and booleans as their JSON text); a ' +
                'task whose value is not listed has the policy’s own targets.',
            }),
          },
          { additionalProperties: false, description: 'Targets per value of one field.' },
        ),
      ),
    ),
    pause: Type.Optional(
      Nullable(
        Type.Object(
          {
            while_snoozed: Type.Optional(
              Type.Boolean({
                description:
                  'The clock stops while the task is snoozed: its deadlines move later by ' +
                  'the snooze, counted on the policy’s clock, as it is snoozed.',
              }),
            ),
            condition: Type.Optional(Nullable(SlaPauseCondition)),
          },
          { additionalProperties: false, description: 'When the clock stops.' },
        ),
      ),
    ),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    $id: 'SlaPolicy',
    additionalProperties: false,
    description:
      'Deadlines for the tasks of a queue, measured from their creation: first response and ' +
      'resolution (at least one), optionally per value of a field, on wall-clock or business ' +
      'time. `pause.while_snoozed` stops the clock while the task is snoozed; ' +
      '`pause.condition` stops it while the task matches that condition (e.g. a status, or ' +
      '`waiting_on == customer`), as judged on each write of the task: while it is stopped ' +
      '`sla_due_at` is null, and the deadlines move later by the paused time.',
  },
)
export type SlaPolicy = Static<typeof SlaPolicy>
