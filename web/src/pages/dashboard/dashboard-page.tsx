import { useState } from 'react'
import { usePageTitle } from '../../layout/use-page-title'
import { QueryStatus } from '../../ui/query-status'
import { ComplianceChart } from './compliance-chart'
import { fillDays, type Period, periodRange, todayIn } from './daily-stats'
import { useDailyStats, useOrgTimeZone } from './dashboard-api'
import { DashboardControls } from './dashboard-controls'
import { BacklogChart, BreachesChart, FlowChart } from './day-charts'
import { ResolutionChart } from './resolution-chart'
import { StatTiles } from './stat-tiles'
import './dashboard.css'

/** The organization's figures: now (tiles) and over a chosen period (charts). */
export function DashboardPage() {
  usePageTitle('Dashboard')
  const [period, setPeriod] = useState<Period>(30)
  const [queueUid, setQueueUid] = useState<string | null>(null)
  const zone = useOrgTimeZone()
  // Without the calendar, the browser's zone is at most a day off: better than nothing.
  const timeZone = zone.timeZone ?? (zone.error ? browserTimeZone() : undefined)
  const { from, to } = periodRange(period, todayIn(timeZone ?? 'UTC'))
  const stats = useDailyStats(from, to, queueUid, timeZone !== undefined)
  const days = stats.data ? fillDays(stats.data.days, from, to) : undefined

  return (
    <div className="page db-page">
      <header className="page-header">
        <h1>Dashboard</h1>
      </header>
      <StatTiles />
      <DashboardControls
        period={period}
        queueUid={queueUid}
        onPeriod={setPeriod}
        onQueue={setQueueUid}
      />
      <QueryStatus query={stats} loading="Loading the charts" failed="Could not load the charts" />
      {days && stats.data ? (
        <div className="db-grid">
          <BacklogChart days={days} />
          <FlowChart days={days} />
          <BreachesChart days={days} />
          <ResolutionChart queues={stats.data.queues} />
          <ComplianceChart queues={stats.data.queues} />
        </div>
      ) : null}
    </div>
  )
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
