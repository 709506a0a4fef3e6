import { useQueueStats } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { formatCount, formatDuration } from '../../ui/format'
import { Loading } from '../../ui/loading'
import { totalStats } from './daily-stats'

interface Tile {
  label: string
  value: string
  tone?: 'alert' | 'warn'
}

/** Right-now figures over every queue: what is open, late, and done today. */
export function StatTiles() {
  const stats = useQueueStats()
  if (stats.isPending) {
    return <Loading label="Loading the figures" />
  }
  if (stats.error) {
    return (
      <ErrorNotice
        error={stats.error}
        action="Could not load the figures"
        onRetry={() => stats.refetch()}
      />
    )
  }
  const totals = totalStats(stats.data)
  const tiles: Tile[] = [
    { label: 'Open', value: formatCount(totals.open) },
    { label: 'In progress', value: formatCount(totals.started) },
    {
      label: 'Overdue',
      value: formatCount(totals.overdue),
      tone: totals.overdue > 0 ? 'warn' : undefined,
    },
    {
      label: 'Breaching SLA',
      value: formatCount(totals.breaching_sla),
      tone: totals.breaching_sla > 0 ? 'alert' : undefined,
    },
    { label: 'Done in 24 h', value: formatCount(totals.done_last_day) },
    {
      label: 'Oldest open',
      value: totals.oldest_open_age === null ? '—' : formatDuration(totals.oldest_open_age),
    },
  ]
  return (
    <dl className="db-tiles">
      {tiles.map((tile) => (
        <div key={tile.label} className={`db-tile${tile.tone ? ` db-tile-${tile.tone}` : ''}`}>
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
        </div>
      ))}
    </dl>
  )
}
