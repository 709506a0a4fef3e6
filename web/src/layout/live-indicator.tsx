import type { LiveStatus } from '../live/use-live-updates'

const LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
}

/** Whether live updates arrive; a screen reader hears when that changes. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span className={`live live-${status}`} role="status" title="Live updates">
      <span className="live-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  )
}
