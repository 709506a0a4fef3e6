import { type Static, Type } from '@sinclair/typebox'

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

/** A resolution SLA: how long a task may take from creation to completion. */
export const SlaPolicy = Type.Object(
  {
    resolution_minutes: Type.Integer({
      minimum: 1,
      maximum: MAX_SLA_MINUTES,
      description:
        'Time allowed from a task’s creation to its completion. It gives both ' +
        '`sla_breach_at` (that many wall-clock minutes) and `sla_breach_business_at` (that ' +
        'many minutes of business time, per the calendar).',
    }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    $id: 'SlaPolicy',
    additionalProperties: false,
    description: 'A resolution target for tasks, measured from their creation.',
  },
)
export type SlaPolicy = Static<typeof SlaPolicy>
