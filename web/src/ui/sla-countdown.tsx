import { slaCountdown } from './format'
import { useNow } from './use-now'

/** Props of {@link SlaText}. */
export interface SlaTextProps {
  breachAt: string | null
  doneAt?: string | null
  /** Since when the SLA policy's pause condition stops the clock (then no deadline runs). */
  pausedSince?: string | null
  now: Date
}

/** An SLA countdown at `now`, coloured by urgency; "No SLA" when the task has none. */
export function SlaText({ breachAt, doneAt = null, pausedSince = null, now }: SlaTextProps) {
  if (pausedSince && !doneAt) {
    return <span className="sla sla-ok">SLA paused</span>
  }
  const countdown = slaCountdown(breachAt, now, doneAt)
  if (!countdown) {
    return <span className="muted">No SLA</span>
  }
  return <span className={`sla sla-${countdown.tone}`}>{countdown.text}</span>
}

/** An SLA countdown that ticks every second, for a single task on screen. */
export function SlaBadge({
  breachAt,
  doneAt = null,
  pausedSince = null,
}: Omit<SlaTextProps, 'now'>) {
  const now = useNow(1000)
  return <SlaText breachAt={breachAt} doneAt={doneAt} pausedSince={pausedSince} now={now} />
}
