import { AppError, calendarNotFound } from '../contract/errors'
import { deleteCalendarRecord, findCalendar, queuesUsingCalendar } from '../store/calendars'
import { withTransaction } from '../store/database'
import { lockQueueRules } from '../store/queues'
import type { Actor } from './actor'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/** Deletes a named calendar; refused (409 `calendar_in_use`, naming them) while queues use it. */
export async function deleteCalendar(actor: Actor, uid: string): Promise<void> {
  await withTransaction(actor.db, async (client) => {
    // The queue rules' lock: no queue can start using the calendar while it is deleted.
    await lockQueueRules(client, actor.orgUid)
    const calendar = foundOr(await findCalendar(client, actor.orgUid, uid), calendarNotFound)
    const queues = await queuesUsingCalendar(client, actor.orgUid, calendar.uid)
    if (queues.length > 0) {
      const names = queues.map((name) => `“${name}”`).join(', ')
      throw new AppError(
        'calendar_in_use',
        `The calendar ${calendar.name} is used by the SLA policy of the queue${queues.length > 1 ? 's' : ''} ${names}: change ${queues.length > 1 ? 'them' : 'it'} first.`,
      )
    }
    await deleteCalendarRecord(client, actor.orgUid, calendar.uid)
    await recordAudit(client, actor, {
      action: 'named_calendar.deleted',
      object: { kind: 'named_calendar', uid: calendar.uid },
      before: { name: calendar.name, calendar: calendar.calendar },
    })
  })
}
