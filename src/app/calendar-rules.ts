import type { Calendar, SlaPolicy } from '../contract/calendar'
import { AppError, type FieldError } from '../contract/errors'
import { validateCalendar } from '../core/calendar'
import { checkSlaPolicy } from '../core/metrics'
import { findCalendar } from '../store/calendars'
import type { Queryable } from '../store/database'

/** Refuses (422, every defect named under `pointer`) a calendar that contradicts itself. */
export function assertValidCalendar(calendar: Calendar, pointer: string): void {
  const problems = validateCalendar(calendar)
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      'The calendar is invalid.',
      problems.map((problem) => ({ ...problem, path: `${pointer}${problem.path}` })),
    )
  }
}

/**
 * Refuses (422 under `/body/sla_policy`) a policy without a target, with a bad pause
 * condition, or naming a calendar the organization does not have; returns it with its
 * calendar uid lower-cased. Call with the queue rules locked, so the calendar stays.
 */
export async function checkedSlaPolicy(
  q: Queryable,
  orgUid: string,
  policy: SlaPolicy | null | undefined,
): Promise<SlaPolicy | null | undefined> {
  if (!policy) {
    return policy
  }
  const path = '/body/sla_policy'
  const errors: FieldError[] = checkSlaPolicy(policy, path)
  const calendarUid = policy.calendar_uid?.toLowerCase() ?? null
  if (calendarUid !== null && !(await findCalendar(q, orgUid, calendarUid))) {
    errors.push({ path: `${path}/calendar_uid`, message: 'is not a calendar of your organization' })
  }
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The SLA policy is invalid.', errors)
  }
  return calendarUid === null ? policy : { ...policy, calendar_uid: calendarUid }
}
