import type { Calendar } from '../contract/calendar'
import { AppError } from '../contract/errors'
import { validateCalendar } from '../core/calendar'
import { withTransaction } from '../store/database'
import { loadOrgRules, updateCalendar } from '../store/organizations'
import type { OrgScope, RequestMeta } from './actor'
import { recordAudit } from './record-audit'

/**
 * Replaces the business calendar, refusing one that contradicts itself. Metrics and SLA times
 * of tasks routed from now on use it; existing SLA times are kept.
 */
export async function replaceCalendar(
  scope: OrgScope & RequestMeta & { actorUid?: string },
  calendar: Calendar,
): Promise<Calendar> {
  const problems = validateCalendar(calendar)
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      'The calendar is invalid.',
      problems.map((problem) => ({ ...problem, path: `/body${problem.path}` })),
    )
  }
  return withTransaction(scope.db, async (client) => {
    const before = (await loadOrgRules(client, scope.orgUid)).calendar
    const after = await updateCalendar(client, scope.orgUid, calendar)
    await recordAudit(client, scope, {
      action: 'calendar.replaced',
      object: { kind: 'calendar' },
      before,
      after,
    })
    return after
  })
}
