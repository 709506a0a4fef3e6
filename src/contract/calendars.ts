import { type Static, Type } from '@sinclair/typebox'
import { Calendar } from './calendar'
import { Timestamp, Uid } from './common'

const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Unique in the organization.',
})

/** A named business calendar, for a team with its own zone, hours and holidays. */
export const NamedCalendar = Type.Object(
  {
    uid: Uid,
    name: Name,
    calendar: Calendar,
    /** The queues whose SLA policy counts business time on this calendar. */
    queue_uids: Type.Array(Uid, {
      description: 'The queues whose SLA policy counts business time on this calendar.',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  {
    $id: 'NamedCalendar',
    description:
      'A business calendar besides the organization’s (GET /settings/calendar, the default), ' +
      'which an SLA policy names in `calendar_uid`.',
  },
)
export type NamedCalendar = Static<typeof NamedCalendar>

export const NamedCalendarList = Type.Object(
  { items: Type.Array(NamedCalendar) },
  { $id: 'NamedCalendarList' },
)
export type NamedCalendarList = Static<typeof NamedCalendarList>

export const CreateNamedCalendarBody = Type.Object(
  { name: Name, calendar: Calendar },
  { $id: 'CreateNamedCalendarBody', additionalProperties: false },
)
export type CreateNamedCalendarBody = Static<typeof CreateNamedCalendarBody>

export const UpdateNamedCalendarBody = Type.Partial(
  Type.Object({ name: Name, calendar: Calendar }),
  { $id: 'UpdateNamedCalendarBody', additionalProperties: false },
)
export type UpdateNamedCalendarBody = Static<typeof UpdateNamedCalendarBody>
