import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { formatCount } from '../../ui/format'
import { ChartCard } from './chart-card'
import { CHART_COLORS, CHART_HEIGHT } from './chart-theme'
import { type ChartDay, countAxisWidth, formatDay, hasActivity } from './daily-stats'

/**
 * Axes shared by the day charts: dates along the bottom, whole counts up the side, the side
 * as wide as the largest of `values` needs.
 */
function dayAxes(values: (number | null)[]) {
  return [
    <CartesianGrid key="grid" stroke={CHART_COLORS.grid} strokeDasharray="3 3" vertical={false} />,
    <XAxis
      key="x"
      dataKey="date"
      tickFormatter={formatDay}
      stroke={CHART_COLORS.axis}
      fontSize={12}
      minTickGap={16}
    />,
    <YAxis
      key="y"
      allowDecimals={false}
      stroke={CHART_COLORS.axis}
      fontSize={12}
      tickFormatter={(value: number) => formatCount(value)}
      width={countAxisWidth(values)}
    />,
    <Tooltip key="tip" labelFormatter={(label) => formatDay(String(label))} />,
  ]
}

function total(days: readonly ChartDay[], key: 'created' | 'done' | 'breached'): string {
  return formatCount(days.reduce((sum, day) => sum + day[key], 0))
}

export function BacklogChart({ days }: { days: ChartDay[] }) {
  const last = days.findLast((day) => day.backlog !== null)
  return (
    <ChartCard
      title="Backlog size"
      summary={`Open tasks at the end of each day; ${formatCount(last?.backlog ?? 0)} on the last day.`}
      empty={!hasActivity(days)}
      table={{
        columns: ['Day', 'Open tasks'],
        rows: days.map((day) => [day.date, day.backlog ?? '—']),
      }}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {dayAxes(days.map((day) => day.backlog))}
          <Line
            type="linear"
            dataKey="backlog"
            name="Open tasks"
            stroke={CHART_COLORS.backlog}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}

export function FlowChart({ days }: { days: ChartDay[] }) {
  return (
    <ChartCard
      title="Created and done per day"
      summary={`${total(days, 'created')} tasks created and ${total(days, 'done')} done over the period.`}
      empty={!days.some((day) => day.created > 0 || day.done > 0)}
      table={{
        columns: ['Day', 'Created', 'Done'],
        rows: days.map((day) => [day.date, day.created, day.done]),
      }}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {dayAxes(days.flatMap((day) => [day.created, day.done]))}
          <Legend />
          <Bar
            dataKey="created"
            name="Created"
            fill={CHART_COLORS.created}
            isAnimationActive={false}
          />
          <Bar dataKey="done" name="Done" fill={CHART_COLORS.done} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}

export function BreachesChart({ days }: { days: ChartDay[] }) {
  return (
    <ChartCard
      title="SLA breaches per day"
      summary={`${total(days, 'breached')} tasks breached their SLA over the period.`}
      empty={!days.some((day) => day.breached > 0)}
      emptyText="No SLA breaches in this period"
      table={{
        columns: ['Day', 'Breaches'],
        rows: days.map((day) => [day.date, day.breached]),
      }}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {dayAxes(days.map((day) => day.breached))}
          <Bar
            dataKey="breached"
            name="Breaches"
            fill={CHART_COLORS.breached}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}
