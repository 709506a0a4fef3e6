import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { QueueResolution } from '../../api'
import { ChartCard } from './chart-card'
import { CHART_COLORS } from './chart-theme'

const ROW_HEIGHT = 36

/**
 * SLA compliance per queue over the period: of the tasks completed with deadlines of their
 * queue's policy, the share that met them all (first response and resolution).
 */
export function ComplianceChart({ queues }: { queues: QueueResolution[] }) {
  const bars = queues.flatMap((queue) =>
    queue.sla_compliance === null
      ? []
      : [{ name: queue.name, value: queue.sla_compliance, met: queue.sla_met, due: queue.sla_due }],
  )
  return (
    <ChartCard
      title="SLA compliance per queue"
      summary={bars
        .map((bar) => `${bar.name}: ${bar.value}% (${bar.met} of ${bar.due})`)
        .join('; ')}
      empty={bars.length === 0}
      emptyText="No task with an SLA was completed in this period"
      table={{
        columns: ['Queue', 'Met (%)', 'Met', 'With an SLA'],
        rows: bars.map((bar) => [bar.name, bar.value, bar.met, bar.due]),
      }}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, bars.length * ROW_HEIGHT + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 100]}
            unit="%"
            stroke={CHART_COLORS.axis}
            fontSize={12}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={110}
            stroke={CHART_COLORS.axis}
            fontSize={12}
          />
          <Tooltip formatter={(value) => [`${String(value)}%`, 'Met']} />
          <Bar dataKey="value" name="Met" fill={CHART_COLORS.done} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}
