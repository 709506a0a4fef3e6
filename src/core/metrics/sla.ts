import type { Calendar, SlaPolicy } from '../../contract/calendar'
import { addBusinessMinutes } from '../calendar/business-time'

/** When a task breaches its SLA, on the wall clock and in business time. */
export interface SlaBreach {
  sla_breach_at: Date | null
  sla_breach_business_at: Date | null
}

/**
 * A task's Fragment-compatible SLA breach times, both counted from its creation:
 * `sla_breach_at` after `resolution_minutes` wall-clock minutes, `sla_breach_business_at`
 * after that many minutes of the organization calendar's business time, whatever the
 * policy's clock, targets per field or pauses (its own deadlines are in sla-deadlines.ts).
 * Both are null without a resolution target; the business one is also null when the
 * calendar has no business time left (no hours at all).
 */
export function computeSlaBreach(
  createdAt: Date,
  policy: SlaPolicy | null,
  calendar: Calendar,
): SlaBreach {
  if (policy?.resolution_minutes === undefined) {
    return { sla_breach_at: null, sla_breach_business_at: null }
  }
  return {
    sla_breach_at: new Date(createdAt.getTime() + policy.resolution_minutes * 60_000),
    sla_breach_business_at: addBusinessMinutes(createdAt, policy.resolution_minutes, calendar),
  }
}
