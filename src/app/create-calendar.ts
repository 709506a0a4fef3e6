import type { CreateNamedCalendarBody } from '../contract/calendars'
import { AppError } from '../contract/errors'
import { type CalendarRecord, insertCalendar } from '../store/calendars'
import { withTransaction } from '../store/database'
import { lockQueueRules } from '../store/queues'
import type { Actor } from './actor'
import { assertValidCalendar } from './calendar-rules'
import { recordAudit } from './record-audit'

/** Creates a named calendar (409 `name_taken` for a name in use). */
export async function createCalendar(
  actor: Actor,
  body: CreateNamedCalendarBody,
): Promise<CalendarRecord> {
  assertValidCalendar(body.calendar, '/body/calendar')
  return withTransaction(actor.db, async (client) => {
    await lockQueueRules(client, actor.orgUid)
    const created = await insertCalendar(client, actor.orgUid, body)
    if (!created) {
      throw new AppError('name_taken', 'A calendar with this name already exists.')
    }
    await recordAudit(client, actor, {
      action: 'named_calendar.created',
      object: { kind: 'named_calendar', uid: created.uid },
      after: { name: created.name, calendar: created.calendar },
    })
    return created
  })
}
