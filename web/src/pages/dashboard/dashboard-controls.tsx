import { useId } from 'react'
import { useQueues } from '../../api'
import { PERIODS, type Period } from './daily-stats'

export interface DashboardControlsProps {
  period: Period
  queueUid: string | null
  onPeriod: (period: Period) => void
  onQueue: (queueUid: string | null) => void
}

/** The period and the queue the day charts cover. */
export function DashboardControls({ period, queueUid, onPeriod, onQueue }: DashboardControlsProps) {
  const id = useId()
  const queues = useQueues()
  return (
    <div className="filter-bar filter-row db-controls">
      <label className="field field-inline" htmlFor={`${id}-period`}>
        <span>Period</span>
        <select
          id={`${id}-period`}
          value={period}
          onChange={(event) => onPeriod(Number(event.target.value) as Period)}
        >
          {PERIODS.map((days) => (
            <option key={days} value={days}>
              Last {days} days
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline" htmlFor={`${id}-queue`}>
        <span>Queue</span>
        <select
          id={`${id}-queue`}
          value={queueUid ?? ''}
          onChange={(event) => onQueue(event.target.value || null)}
        >
          <option value="">All queues</option>
          {(queues.data ?? []).map((queue) => (
            <option key={queue.uid} value={queue.uid}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
