import type { CreateNamedCalendarBody } from '../contract/calendars'
import { AppError } from '../contract/errors'
import { type CalendarRecord, insertCalendar } from '../store/calendars'
import { withTransaction } from '../store/database'
import { lockQueueRules } from '../store/queues'
import type { Actor } from './actor'
import { assertValidCalendar } from './calendar-rules'

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
    return created
  })
}
