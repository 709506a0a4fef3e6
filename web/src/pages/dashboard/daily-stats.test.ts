import { describe, expect, it } from 'vitest'
import type { DayFigures, QueueStats } from '../../api'
import {
  addDays,
  countAxisWidth,
  fillDays,
  hasActivity,
  periodRange,
  resolutionBars,
  todayIn,
  totalStats,
} from './daily-stats'

const day = (date: string, figures: Partial<DayFigures> = {}): DayFigures => ({
  date,
  created: 0,
  done: 0,
  breached: 0,
  backlog: 0,
  sla_due: 0,
  sla_met: 0,
  sla_compliance: null,
  ...figures,
})

const NO_SLA = { sla_due: 0, sla_met: 0, sla_compliance: null }

describe('periods', () => {
  it('counts days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31')
  })

  it('ends a period today, both ends included', () => {
    expect(periodRange(7, '2025-03-02')).toEqual({ from: '2025-02-24', to: '2025-03-02' })
    expect(periodRange(1, '2025-03-02')).toEqual({ from: '2025-03-02', to: '2025-03-02' })
  })

  it("takes today in the organization's time zone", () => {
    const now = new Date('2025-06-30T23:30:00Z')
    expect(todayIn('UTC', now)).toBe('2025-06-30')
    expect(todayIn('Europe/Paris', now)).toBe('2025-07-01')
    expect(todayIn('America/Los_Angeles', now)).toBe('2025-06-30')
  })
})

describe('fillDays', () => {
  it('fills missing days with no flow and the last known backlog', () => {
    const filled = fillDays(
      [day('2025-03-02', { created: 5, backlog: 12 }), day('2025-03-05', { done: 2, backlog: 10 })],
      '2025-03-01',
      '2025-03-06',
    )
    expect(filled).toEqual([
      { date: '2025-03-01', created: 0, done: 0, breached: 0, backlog: null, ...NO_SLA },
      { date: '2025-03-02', created: 5, done: 0, breached: 0, backlog: 12, ...NO_SLA },
      { date: '2025-03-03', created: 0, done: 0, breached: 0, backlog: 12, ...NO_SLA },
      { date: '2025-03-04', created: 0, done: 0, breached: 0, backlog: 12, ...NO_SLA },
      { date: '2025-03-05', created: 0, done: 2, breached: 0, backlog: 10, ...NO_SLA },
      { date: '2025-03-06', created: 0, done: 0, breached: 0, backlog: 10, ...NO_SLA },
    ])
  })

  it('keeps complete answers as they are, in date order, and drops days outside', () => {
    const days = [
      day('2025-03-02', { created: 1 }),
      day('2025-03-01', { done: 1 }),
      day('2025-02-01'),
    ]
    expect(fillDays(days, '2025-03-01', '2025-03-02').map((d) => d.date)).toEqual([
      '2025-03-01',
      '2025-03-02',
    ])
  })

  it('gives one day per day of a 90-day period', () => {
    const { from, to } = periodRange(90, '2025-03-31')
    expect(fillDays([], from, to)).toHaveLength(90)
  })

  it('tells an empty period from an active one', () => {
    expect(hasActivity(fillDays([], '2025-03-01', '2025-03-07'))).toBe(false)
    expect(hasActivity(fillDays([day('2025-03-01')], '2025-03-01', '2025-03-07'))).toBe(false)
    expect(
      hasActivity(fillDays([day('2025-03-03', { backlog: 1 })], '2025-03-01', '2025-03-07')),
    ).toBe(true)
  })
})

describe('resolutionBars', () => {
  it('converts medians to hours and skips queues with none', () => {
    expect(
      resolutionBars([
        { queue_uid: 'a', name: 'France', median_resolution_time: 5400 * 4 },
        { queue_uid: 'b', name: 'Idle', median_resolution_time: null },
        { queue_uid: 'c', name: 'Fast', median_resolution_time: 60 },
      ]),
    ).toEqual({
      unit: 'h',
      bars: [
        { name: 'France', value: 6 },
        { name: 'Fast', value: 0 },
      ],
    })
  })

  it('counts in seconds when every median is under two minutes', () => {
    expect(
      resolutionBars([{ queue_uid: 'a', name: 'Instant', median_resolution_time: 1.507 }]),
    ).toEqual({ unit: 's', bars: [{ name: 'Instant', value: 1.5 }] })
  })

  it('counts in minutes when every median is short, so the bars show', () => {
    expect(
      resolutionBars([
        { queue_uid: 'a', name: 'France', median_resolution_time: 5400 },
        { queue_uid: 'c', name: 'Fast', median_resolution_time: 1.5 },
      ]),
    ).toEqual({
      unit: 'min',
      bars: [
        { name: 'France', value: 90 },
        { name: 'Fast', value: 0 },
      ],
    })
  })
})

describe('totalStats', () => {
  const stats = (figures: Partial<QueueStats>): QueueStats => ({
    queue_uid: null,
    queue_name: null,
    measured_at: '2025-03-01T00:00:00Z',
    open: 0,
    started: 0,
    overdue: 0,
    breaching_sla: 0,
    oldest_open_age: null,
    done_last_hour: 0,
    done_last_day: 0,
    median_resolution_time: null,
    median_wait_time: null,
    median_work_time: null,
    sla_compliance_last_day: null,
    ...figures,
  })

  it('adds the queues up and keeps the oldest age', () => {
    expect(
      totalStats([
        stats({
          open: 3,
          started: 1,
          overdue: 1,
          breaching_sla: 2,
          done_last_day: 4,
          oldest_open_age: 60,
        }),
        stats({ open: 2, oldest_open_age: 600 }),
        stats({ done_last_day: 1 }),
      ]),
    ).toEqual({
      open: 5,
      started: 1,
      overdue: 1,
      breaching_sla: 2,
      done_last_day: 5,
      oldest_open_age: 600,
    })
    expect(totalStats([]).oldest_open_age).toBeNull()
  })
})

describe('countAxisWidth', () => {
  it('makes room for every digit of the top label, separators included', () => {
    const small = countAxisWidth([0, 3, 9])
    const large = countAxisWidth([120, 9500, 10_000])
    // "12,500" at 12 px needs well over 40 px (the width that cut "10000" to "0000").
    expect(large).toBeGreaterThanOrEqual(6 * 7 + 10)
    expect(large).toBeGreaterThan(small)
    expect(countAxisWidth([1_000_000])).toBeGreaterThan(large)
  })

  it('keeps a minimum width when there is nothing, or only gaps', () => {
    expect(countAxisWidth([])).toBe(32)
    expect(countAxisWidth([null, null])).toBe(32)
  })
})
