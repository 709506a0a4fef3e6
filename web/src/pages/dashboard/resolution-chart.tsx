import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { QueueResolution } from '../../api'
import { ChartCard } from './chart-card'
import { CHART_COLORS } from './chart-theme'
import { resolutionBars } from './daily-stats'

const ROW_HEIGHT = 36
const UNIT_NAMES = { s: 'seconds', min: 'minutes', h: 'hours' } as const

/** Median resolution time per queue over the tasks completed in the period. */
export function ResolutionChart({ queues }: { queues: QueueResolution[] }) {
  const { unit, bars } = resolutionBars(queues)
  return (
    <ChartCard
      title="Median resolution time per queue"
      summary={bars.map((bar) => `${bar.name}: ${bar.value} ${unit}`).join('; ')}
      empty={bars.length === 0}
      emptyText="No task was completed in a queue in this period"
      table={{
        columns: ['Queue', `Median (${UNIT_NAMES[unit]})`],
        rows: bars.map((bar) => [bar.name, bar.value]),
      }}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, bars.length * ROW_HEIGHT + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" unit={` ${unit}`} stroke={CHART_COLORS.axis} fontSize={12} />
          <YAxis
            type="category"
            dataKey="name"
            width={110}
            stroke={CHART_COLORS.axis}
            fontSize={12}
          />
          <Tooltip formatter={(value) => [`${String(value)} ${unit}`, 'Median']} />
          <Bar
            dataKey="value"
            name="Median"
            fill={CHART_COLORS.resolution}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}
