import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR } from '../../contract/calendar'
import { makeCalendar, officeCalendar } from '../calendar/test-calendars'
import { computeTaskMetrics, type TaskTimeline } from './task-metrics'

const HOUR = 3600
const at = (iso: string) => new Date(iso)

// Friday 12 September 2025, UTC office hours 09:00–18:00 on weekdays.
const created = at('2025-09-12T17:00:00Z')

function timeline(overrides: Partial<TaskTimeline> = {}): TaskTimeline {
  return {
    created_at: created,
    queued_at: null,
    first_started_at: null,
    done_at: null,
    work_intervals: [],
    ...overrides,
  }
}

describe('computeTaskMetrics', () => {
  it('measures an untouched open task up to now', () => {
    const metrics = computeTaskMetrics(timeline(), at('2025-09-15T10:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics).toEqual({
      queue_time: null,
      queue_time_business: null,
      wait_time: 65 * HOUR,
      wait_time_business: 2 * HOUR,
      work_time: 0,
      work_time_business: 0,
      resolution_time: null,
      resolution_time_business: null,
    })
  })

  it('measures a task created Friday evening and done on Monday', () => {
    const task = timeline({
      queued_at: created,
      first_started_at: at('2025-09-15T09:30:00Z'),
      done_at: at('2025-09-15T11:00:00Z'),
      work_intervals: [
        { start: at('2025-09-15T09:30:00Z'), end: at('2025-09-15T10:00:00Z') },
        { start: at('2025-09-15T10:30:00Z'), end: at('2025-09-15T11:00:00Z') },
      ],
    })
    const metrics = computeTaskMetrics(task, at('2025-09-20T00:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics).toEqual({
      queue_time: 64.5 * HOUR,
      queue_time_business: 1.5 * HOUR,
      wait_time: 64.5 * HOUR,
      wait_time_business: 1.5 * HOUR,
      work_time: HOUR,
      work_time_business: HOUR,
      resolution_time: 66 * HOUR,
      resolution_time_business: 3 * HOUR,
    })
  })

  it('counts a running work interval up to now, and outside hours only on the wall clock', () => {
    const task = timeline({
      first_started_at: at('2025-09-12T17:30:00Z'),
      work_intervals: [{ start: at('2025-09-12T17:30:00Z'), end: null }],
    })
    const metrics = computeTaskMetrics(task, at('2025-09-12T19:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.work_time).toBe(1.5 * HOUR)
    expect(metrics.work_time_business).toBe(HOUR / 2)
    expect(metrics.wait_time).toBe(HOUR / 2)
  })

  it('counts overlapping work intervals once', () => {
    const task = timeline({
      work_intervals: [
        { start: at('2025-09-15T10:00:00Z'), end: at('2025-09-15T12:00:00Z') },
        { start: at('2025-09-15T11:00:00Z'), end: at('2025-09-15T13:00:00Z') },
        { start: at('2025-09-15T09:00:00Z'), end: at('2025-09-15T09:00:00Z') },
      ],
    })
    const metrics = computeTaskMetrics(task, at('2025-09-16T00:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.work_time).toBe(3 * HOUR)
    // No first_started_at given: the earliest work interval, even an empty one, is the
    // first start.
    expect(metrics.wait_time).toBe(64 * HOUR)
  })

  it('ends the wait at completion for a task done without being started', () => {
    const task = timeline({ done_at: at('2025-09-12T17:45:00Z') })
    const metrics = computeTaskMetrics(task, at('2025-09-20T00:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.wait_time).toBe(45 * 60)
    expect(metrics.resolution_time).toBe(45 * 60)
    expect(metrics.resolution_time_business).toBe(45 * 60)
  })

  it('measures the queue from joining it to the next start, not an earlier one', () => {
    const task = timeline({
      first_started_at: at('2025-09-15T09:00:00Z'),
      queued_at: at('2025-09-15T12:00:00Z'),
      work_intervals: [
        { start: at('2025-09-15T09:00:00Z'), end: at('2025-09-15T10:00:00Z') },
        { start: at('2025-09-15T14:00:00Z'), end: null },
      ],
    })
    const metrics = computeTaskMetrics(task, at('2025-09-15T15:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.queue_time).toBe(2 * HOUR)
    expect(metrics.work_time).toBe(2 * HOUR)
  })

  it('counts no queue time when work was running as the task was queued', () => {
    const task = timeline({
      first_started_at: at('2025-09-15T09:00:00Z'),
      queued_at: at('2025-09-15T10:00:00Z'),
      work_intervals: [{ start: at('2025-09-15T09:00:00Z'), end: null }],
    })
    const metrics = computeTaskMetrics(task, at('2025-09-15T15:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.queue_time).toBe(0)
    expect(metrics.queue_time_business).toBe(0)
  })

  it('keeps counting queue time up to now while nobody picks the task up', () => {
    const task = timeline({ queued_at: at('2025-09-15T16:00:00Z') })
    const metrics = computeTaskMetrics(task, at('2025-09-16T10:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.queue_time).toBe(18 * HOUR)
    expect(metrics.queue_time_business).toBe(3 * HOUR)
  })

  it('clamps durations to 0 when timestamps are out of order', () => {
    const task = timeline({ done_at: at('2025-09-12T16:00:00Z') })
    const metrics = computeTaskMetrics(task, at('2025-09-12T12:00:00Z'), DEFAULT_CALENDAR)
    expect(metrics.resolution_time).toBe(0)
    expect(metrics.resolution_time_business).toBe(0)
    expect(metrics.wait_time).toBe(0)
  })

  it('truncates to whole seconds', () => {
    const task = timeline({ done_at: new Date(created.getTime() + 1999) })
    const metrics = computeTaskMetrics(task, created, DEFAULT_CALENDAR)
    expect(metrics.resolution_time).toBe(1)
  })

  it('measures business time in the calendar’s zone, over a holiday and a DST change', () => {
    // Paris: created Friday 24 Oct 2025 17:00 CEST, done Tuesday 28 Oct 10:00 CET; Monday 27 is
    // a holiday here, and clocks went back on Sunday 26.
    const calendar = officeCalendar('Europe/Paris', ['2025-10-27'])
    const task = timeline({
      created_at: at('2025-10-24T15:00:00Z'),
      done_at: at('2025-10-28T09:00:00Z'),
    })
    const metrics = computeTaskMetrics(task, at('2025-11-01T00:00:00Z'), calendar)
    expect(metrics.resolution_time).toBe(90 * HOUR)
    expect(metrics.resolution_time_business).toBe(2 * HOUR)
  })

  it('gives 0 business time with a calendar that never opens', () => {
    const task = timeline({ done_at: at('2025-09-15T10:00:00Z') })
    const metrics = computeTaskMetrics(task, at('2025-09-16T00:00:00Z'), makeCalendar('UTC', {}))
    expect(metrics.resolution_time).toBe(65 * HOUR)
    expect(metrics.resolution_time_business).toBe(0)
  })
})
