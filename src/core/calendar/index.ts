/**
 * Business calendars: validation, and the arithmetic of business time across time zones,
 * DST changes, weekends and holidays (see business-spans.ts for the exact semantics).
 */
export { addBusinessMinutes, businessMsBetween, isBusinessTime } from './business-time'
export { validateCalendar } from './validate-calendar'
