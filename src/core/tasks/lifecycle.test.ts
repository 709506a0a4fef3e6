import { describe, expect, it } from 'vitest'
import { applyStatus, initialStatusTimes, type StatusTimes, type WorkClock } from './lifecycle'

const t0 = new Date('2025-09-11T12:00:00.000Z')
const t1 = new Date('2025-09-11T12:10:00.000Z')
const t2 = new Date('2025-09-11T12:25:00.000Z')

/** Business time is half of wall time here, so the two counters can be told apart. */
const at = (now: Date): WorkClock => ({
  now,
  businessMsBetween: (from, to) => (to.getTime() - from.getTime()) / 2,
})

const todo: StatusTimes = {
  status: 'TODO',
  started_at: null,
  done_at: null,
  work_started_at: null,
  work_ms: 0,
  work_business_ms: 0,
}

describe('applyStatus', () => {
  it('stamps done_at when a task becomes DONE', () => {
    expect(applyStatus(todo, 'DONE', at(t1))).toMatchObject({
      status: 'DONE',
      started_at: null,
      done_at: t1,
    })
  })

  it('stamps started_at and opens a work interval when a task becomes STARTED', () => {
    expect(applyStatus(todo, 'STARTED', at(t1))).toMatchObject({
      status: 'STARTED',
      started_at: t1,
      work_started_at: t1,
    })
  })

  it('keeps started_at and adds the interval to work time when a started task is completed', () => {
    const started = applyStatus(todo, 'STARTED', at(t0))
    const done = applyStatus(started, 'DONE', at(t1))
    expect(done).toMatchObject({
      status: 'DONE',
      started_at: t0,
      done_at: t1,
      work_started_at: null,
    })
    expect(done.work_ms).toBe(10 * 60_000)
    expect(done.work_business_ms).toBe(5 * 60_000)
  })

  it('sums several started intervals', () => {
    let task = applyStatus(todo, 'STARTED', at(t0))
    task = applyStatus(task, 'TODO', at(t1))
    task = applyStatus(task, 'STARTED', at(new Date(t2.getTime() - 5 * 60_000)))
    task = applyStatus(task, 'DONE', at(t2))
    expect(task.work_ms).toBe(15 * 60_000)
  })

  it('clears done_at when a task leaves DONE', () => {
    const done = applyStatus(applyStatus(todo, 'STARTED', at(t0)), 'DONE', at(t0))
    expect(applyStatus(done, 'STARTED', at(t1))).toMatchObject({
      status: 'STARTED',
      started_at: t0,
      done_at: null,
    })
  })

  it('clears both timestamps when a task goes back to TODO', () => {
    const done = applyStatus(todo, 'DONE', at(t0))
    expect(applyStatus(done, 'TODO', at(t1))).toMatchObject({
      status: 'TODO',
      started_at: null,
      done_at: null,
    })
  })

  it('changes nothing when the status is unchanged', () => {
    const done = applyStatus(todo, 'DONE', at(t0))
    expect(applyStatus(done, 'DONE', at(t1))).toBe(done)
  })
})

describe('initialStatusTimes', () => {
  it('gives a task created DONE its done_at', () => {
    expect(initialStatusTimes('DONE', at(t0))).toMatchObject({
      status: 'DONE',
      started_at: null,
      done_at: t0,
    })
  })

  it('gives a new TODO task no timestamps', () => {
    expect(initialStatusTimes('TODO', at(t0))).toEqual(todo)
  })
})
