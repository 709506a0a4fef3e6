import { describe, expect, it } from 'vitest'
import { applyStatus, initialStatusTimes } from './lifecycle'

const t0 = new Date('2025-09-11T12:00:00.000Z')
const t1 = new Date('2025-09-11T12:10:00.000Z')

describe('applyStatus', () => {
  it('stamps done_at when a task becomes DONE', () => {
    const next = applyStatus({ status: 'TODO', started_at: null, done_at: null }, 'DONE', t1)
    expect(next).toEqual({ status: 'DONE', started_at: null, done_at: t1 })
  })

  it('stamps started_at when a task becomes STARTED', () => {
    const next = applyStatus({ status: 'TODO', started_at: null, done_at: null }, 'STARTED', t1)
    expect(next).toEqual({ status: 'STARTED', started_at: t1, done_at: null })
  })

  it('keeps started_at when a started task is completed', () => {
    const next = applyStatus({ status: 'STARTED', started_at: t0, done_at: null }, 'DONE', t1)
    expect(next).toEqual({ status: 'DONE', started_at: t0, done_at: t1 })
  })

  it('clears done_at when a task leaves DONE', () => {
    const next = applyStatus({ status: 'DONE', started_at: t0, done_at: t0 }, 'STARTED', t1)
    expect(next).toEqual({ status: 'STARTED', started_at: t0, done_at: null })
  })

  it('clears both timestamps when a task goes back to TODO', () => {
    const next = applyStatus({ status: 'DONE', started_at: t0, done_at: t0 }, 'TODO', t1)
    expect(next).toEqual({ status: 'TODO', started_at: null, done_at: null })
  })

  it('changes nothing when the status is unchanged', () => {
    const current = { status: 'DONE' as const, started_at: t0, done_at: t0 }
    expect(applyStatus(current, 'DONE', t1)).toBe(current)
  })
})

describe('initialStatusTimes', () => {
  it('gives a task created DONE its done_at', () => {
    expect(initialStatusTimes('DONE', t0)).toEqual({
      status: 'DONE',
      started_at: null,
      done_at: t0,
    })
  })

  it('gives a new TODO task no timestamps', () => {
    expect(initialStatusTimes('TODO', t0)).toEqual({
      status: 'TODO',
      started_at: null,
      done_at: null,
    })
  })
})
