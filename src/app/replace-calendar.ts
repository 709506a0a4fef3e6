import type { Calendar } from '../contract/calendar'
import { AppError } from '../contract/errors'
import { validateCalendar } from '../core/calendar'
import { updateCalendar } from '../store/organizations'
import type { OrgScope } from './actor'

/**
 * Replaces the business calendar, refusing one that contradicts itself. Metrics and SLA times
 * of tasks routed from now on use it; existing SLA times are kept.
 */
export async function replaceCalendar(scope: OrgScope, calendar: Calendar): Promise<Calendar> {
  const problems = validateCalendar(calendar)
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      'The calendar is invalid.',
      problems.map((problem) => ({ ...problem, path: `/body${problem.path}` })),
    )
  }
  return updateCalendar(scope.db.pool, scope.orgUid, calendar)
}
