import { useState } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { HourReport } from '../../api'
import { formatCount } from '../../ui/format'
import { ChartCard } from '../dashboard/chart-card'
import { CHART_COLORS } from '../dashboard/chart-theme'
import {
  axisLabel,
  durationUnit,
  heatRows,
  inUnit,
  nameAxisWidth,
  type ReportRow,
  rowName,
  UNIT_NAMES,
  WEEKDAYS,
} from './report-format'
import type { TimeBasis } from './report-table'

const ROW_HEIGHT = 34
const P90_COLOR = '#6b3fa0'

const chartHeight = (rows: number, perRow = ROW_HEIGHT) => Math.max(120, rows * perRow + 48)

/** A bar chart of one bar (or two) per row, names up the side, sized to fit them. */
function NameAxis({ names }: { names: string[] }) {
  const width = nameAxisWidth(names)
  return (
    <YAxis
      type="category"
      dataKey="name"
      width={width}
      interval={0}
      stroke={CHART_COLORS.axis}
      fontSize={12}
      tickFormatter={(name: string) => axisLabel(name, width)}
    />
  )
}

/** Tasks completed per operator over the period, most first. */
export function CompletedChart({ rows }: { rows: readonly ReportRow[] }) {
  const bars = rows
    .filter((row) => row.completed > 0)
    .map((row) => ({ name: rowName(row), value: row.completed }))
    .sort((a, b) => b.value - a.value)
  const names = bars.map((bar) => bar.name)
  return (
    <ChartCard
      title="Completed per operator"
      summary={bars.map((bar) => `${bar.name}: ${formatCount(bar.value)}`).join('; ')}
      empty={bars.length === 0}
      emptyText="Nobody completed a task in this period"
      table={{ columns: ['Operator', 'Completed'], rows: bars.map((bar) => [bar.name, bar.value]) }}
    >
      <ResponsiveContainer width="100%" height={chartHeight(bars.length)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            stroke={CHART_COLORS.axis}
            fontSize={12}
            tickFormatter={(value: number) => formatCount(value)}
          />
          {NameAxis({ names })}
          <Tooltip formatter={(value) => [formatCount(Number(value)), 'Completed']} />
          <Bar
            dataKey="value"
            name="Completed"
            fill={CHART_COLORS.done}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}

/** Median and 90th percentile handle time per operator, in a unit the longest reads well in. */
export function HandleTimeChart({ rows, basis }: { rows: readonly ReportRow[]; basis: TimeBasis }) {
  const b = basis === 'business'
  const measured = rows.flatMap((row) => {
    const median = b ? row.handle_time_business_median : row.handle_time_median
    const p90 = b ? row.handle_time_business_p90 : row.handle_time_p90
    return median === null || p90 === null ? [] : [{ name: rowName(row), median, p90 }]
  })
  const unit = durationUnit(Math.max(0, ...measured.map((row) => row.p90)))
  const bars = measured.map((row) => ({
    name: row.name,
    median: inUnit(row.median, unit),
    p90: inUnit(row.p90, unit),
  }))
  const suffix = b ? ' (business hours)' : ''
  return (
    <ChartCard
      title={`Handle time per operator${suffix}`}
      summary={bars
        .map((bar) => `${bar.name}: median ${bar.median} ${unit}, p90 ${bar.p90} ${unit}`)
        .join('; ')}
      empty={bars.length === 0}
      emptyText="No completed task to measure in this period"
      table={{
        columns: ['Operator', `Median (${UNIT_NAMES[unit]})`, `p90 (${UNIT_NAMES[unit]})`],
        rows: bars.map((bar) => [bar.name, bar.median ?? '—', bar.p90 ?? '—']),
      }}
    >
      <ResponsiveContainer width="100%" height={chartHeight(bars.length, ROW_HEIGHT * 1.6)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" unit={` ${unit}`} stroke={CHART_COLORS.axis} fontSize={12} />
          {NameAxis({ names: bars.map((bar) => bar.name) })}
          <Tooltip formatter={(value, name) => [`${String(value)} ${unit}`, name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="median"
            name="Median"
            fill={CHART_COLORS.created}
            isAnimationActive={false}
          />
          <Bar dataKey="p90" name="p90" fill={P90_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  )
}

const HEAT_HEIGHT = 260
const HEAT_MARGIN = { top: 8, right: 12, bottom: 0, left: 0 }
const HEAT_X_AXIS_HEIGHT = 24
const HEAT_Y_AXIS_WIDTH = 40
const HEAT_COLOR = '#1d6b3a'
const HEAT_EMPTY = '#eef1f5'
const HOUR_TICKS = [0, 3, 6, 9, 12, 15, 18, 21]
const DAY_TICKS = [1, 2, 3, 4, 5, 6, 7]

interface HeatCell {
  hour: number
  day: number
  completed: number
}

/**
 * Completions per weekday and hour of the day, in the organization's time zone: a scatter
 * chart whose points are cells, one per hour of the week, shaded by count. recharts has no
 * heat map; the cells' size follows the chart's, measured as the container resizes.
 */
export function HourHeatMap({ report }: { report: HourReport }) {
  const [size, setSize] = useState({ width: 0, height: HEAT_HEIGHT })
  const rows = heatRows(report.cells)
  const max = Math.max(0, ...rows.flat())
  const total = rows.flat().reduce((sum, n) => sum + n, 0)
  const cells: HeatCell[] = rows.flatMap((row, day) =>
    row.map((completed, hour) => ({ hour, day: day + 1, completed })),
  )
  const plotWidth = size.width - HEAT_MARGIN.left - HEAT_MARGIN.right - HEAT_Y_AXIS_WIDTH
  const plotHeight = size.height - HEAT_MARGIN.top - HEAT_MARGIN.bottom - HEAT_X_AXIS_HEIGHT
  const cellWidth = Math.max(2, plotWidth / 24 - 2)
  const cellHeight = Math.max(2, plotHeight / 7 - 2)
  const busiest = (row: number[]) => {
    const top = Math.max(...row)
    return top === 0 ? '—' : `${String(row.indexOf(top)).padStart(2, '0')}:00 (${top})`
  }
  return (
    <ChartCard
      title="Completions by hour of the week"
      summary={`${formatCount(total)} completions by weekday and hour, ${report.time_zone} time; at most ${formatCount(max)} in one hour.`}
      empty={total === 0}
      emptyText="No task was completed in this period"
      table={{
        columns: ['Day', 'Completed', 'Busiest hour'],
        rows: rows.map((row, day) => [
          WEEKDAYS[day] ?? '',
          row.reduce((sum, n) => sum + n, 0),
          busiest(row),
        ]),
      }}
    >
      <ResponsiveContainer
        width="100%"
        height={HEAT_HEIGHT}
        onResize={(width, height) => setSize({ width, height })}
      >
        <ScatterChart margin={HEAT_MARGIN}>
          <XAxis
            type="number"
            dataKey="hour"
            domain={[-0.5, 23.5]}
            ticks={HOUR_TICKS}
            tickFormatter={(hour: number) => `${String(hour).padStart(2, '0')}h`}
            height={HEAT_X_AXIS_HEIGHT}
            stroke={CHART_COLORS.axis}
            fontSize={12}
          />
          <YAxis
            type="number"
            dataKey="day"
            domain={[0.5, 7.5]}
            ticks={DAY_TICKS}
            reversed
            tickFormatter={(day: number) => WEEKDAYS[day - 1] ?? ''}
            width={HEAT_Y_AXIS_WIDTH}
            stroke={CHART_COLORS.axis}
            fontSize={12}
          />
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const cell = payload?.[0]?.payload as HeatCell | undefined
              return cell ? (
                <p className="rp-heat-tip">
                  {WEEKDAYS[cell.day - 1]} {String(cell.hour).padStart(2, '0')}:00 –{' '}
                  {formatCount(cell.completed)} completed
                </p>
              ) : null
            }}
          />
          <Scatter
            data={cells}
            isAnimationActive={false}
            shape={(point: { cx?: number; cy?: number; payload?: HeatCell }) => (
              <rect
                className="rp-heat-cell"
                data-count={point.payload?.completed ?? 0}
                x={(point.cx ?? 0) - cellWidth / 2}
                y={(point.cy ?? 0) - cellHeight / 2}
                width={cellWidth}
                height={cellHeight}
                rx={2}
                fill={point.payload?.completed ? HEAT_COLOR : HEAT_EMPTY}
                fillOpacity={
                  point.payload?.completed ? 0.2 + 0.8 * (point.payload.completed / max) : 1
                }
              />
            )}
          />
        </ScatterChart>
      </ResponsiveContainer>
      <p className="rp-heat-note">Hours in {report.time_zone}; darker is more.</p>
    </ChartCard>
  )
}
