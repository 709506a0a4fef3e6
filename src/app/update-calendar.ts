import type { UpdateNamedCalendarBody } from '../contract/calendars'
import { AppError, calendarNotFound } from '../contract/errors'
import { type CalendarRecord, findCalendar, updateCalendarRecord } from '../store/calendars'
import { withTransaction } from '../store/database'
import { lockQueueRules } from '../store/queues'
import type { Actor } from './actor'
import { assertValidCalendar } from './calendar-rules'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/**
 * Changes a named calendar's name or hours. Deadlines of tasks already in its queues are
 * kept; tasks written from now on are counted on the new hours.
 */
export async function updateCalendar(
  actor: Actor,
  uid: string,
  body: UpdateNamedCalendarBody,
): Promise<CalendarRecord> {
  if (body.calendar) {
    assertValidCalendar(body.calendar, '/body/calendar')
  }
  return withTransaction(actor.db, async (client) => {
    await lockQueueRules(client, actor.orgUid)
    const current = foundOr(await findCalendar(client, actor.orgUid, uid), calendarNotFound)
    const updated = await updateCalendarRecord(client, actor.orgUid, current.uid, {
      name: body.name ?? current.name,
      calendar: body.calendar ?? current.calendar,
    })
    if (updated === 'name_taken') {
      throw new AppError('name_taken', 'A calendar with this name already exists.')
    }
    const after = foundOr(updated, calendarNotFound)
    await recordAudit(client, actor, {
      action: 'named_calendar.updated',
      object: { kind: 'named_calendar', uid: after.uid },
      before: { name: current.name, calendar: current.calendar },
      after: { name: after.name, calendar: after.calendar },
    })
    return after
  })
}
