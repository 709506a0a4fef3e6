import type { QueueStats } from '../../api'
import { formatCount } from '../../ui/format'

type Counts = Pick<QueueStats, 'open' | 'overdue' | 'breaching_sla'>

/** Sums the figures of several lines (every queue and the tasks in none: all tasks). */
export function totalCounts(lines: Counts[]): Counts {
  return lines.reduce(
    (sum, line) => ({
      open: sum.open + line.open,
      overdue: sum.overdue + line.overdue,
      breaching_sla: sum.breaching_sla + line.breaching_sla,
    }),
    { open: 0, overdue: 0, breaching_sla: 0 },
  )
}

/** A queue's open, overdue and SLA-breaching counts; the alarming ones stand out when not zero. */
export function QueueCounts({ counts }: { counts: Counts }) {
  return (
    <span className="queue-counts">
      <span className="count">{formatCount(counts.open)} open</span>
      <span className={counts.overdue > 0 ? 'count count-warn' : 'count'}>
        {formatCount(counts.overdue)} overdue
      </span>
      <span className={counts.breaching_sla > 0 ? 'count count-alert' : 'count'}>
        {formatCount(counts.breaching_sla)} breaching
      </span>
    </span>
  )
}
