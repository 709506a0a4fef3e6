import { describe, expect, it } from 'vitest'
import { DEFAULT_ORG_SETTINGS } from '../../contract/settings'
import type { WorkClock } from '../tasks/lifecycle'
import { newTaskState } from '../tasks/task-state'
import { assignTask, completeTask, pauseTask, playTask, releaseTask, skipTask } from './transitions'

const at = (iso: string): WorkClock => ({ now: new Date(iso), businessMsBetween: () => 0 })
const t0 = at('2025-09-11T12:00:00.000Z')
const t1 = at('2025-09-11T12:10:00.000Z')
const operator = '11111111-1111-4111-8111-111111111111'
const admin = '22222222-2222-4222-8222-222222222222'
const task = newTaskState({ fields: { title: 'T' } }, t0, '33333333-3333-4333-8333-333333333333')

describe('player transitions', () => {
  it('play assigns and starts the task, stamping played_at', () => {
    const played = playTask(task, operator, t0)
    expect(played).toMatchObject({
      status: 'STARTED',
      assignee_uid: operator,
      assignee_updated_by: operator,
      assigned_at: t0.now,
      started_at: t0.now,
      played_at: t0.now,
      work_started_at: t0.now,
    })
  })

  it('pause keeps the task assigned and counts the work done', () => {
    const paused = pauseTask(playTask(task, operator, t0), t1)
    expect(paused).toMatchObject({ status: 'TODO', assignee_uid: operator, work_started_at: null })
    expect(paused.work_ms).toBe(600_000)
  })

  it('complete finishes the task and its work interval', () => {
    const done = completeTask(playTask(task, operator, t0), t1)
    expect(done).toMatchObject({ status: 'DONE', done_at: t1.now, work_ms: 600_000 })
  })

  it('skip in return mode puts the task back in the pool', () => {
    const skipped = skipTask(playTask(task, operator, t0), operator, DEFAULT_ORG_SETTINGS, t1)
    expect(skipped).toMatchObject({ status: 'TODO', assignee_uid: null, snooze_expires_at: null })
  })

  it('skip in snooze mode keeps the task assigned and asleep', () => {
    const settings = { ...DEFAULT_ORG_SETTINGS, skip_mode: 'snooze' as const, snooze_minutes: 30 }
    const skipped = skipTask(playTask(task, operator, t0), operator, settings, t1)
    expect(skipped).toMatchObject({ status: 'TODO', assignee_uid: operator })
    expect(skipped.snooze_expires_at?.toISOString()).toBe('2025-09-11T12:40:00.000Z')
    const until = new Date('2025-09-12T08:00:00.000Z')
    expect(skipTask(task, operator, settings, t1, until).snooze_expires_at).toEqual(until)
  })

  it('release unassigns and stops the work', () => {
    const released = releaseTask(playTask(task, operator, t0), admin, t1)
    expect(released).toMatchObject({
      status: 'TODO',
      assignee_uid: null,
      assignee_updated_by: admin,
    })
    expect(released.work_ms).toBe(600_000)
  })

  it('assigning to someone else stops the current work and records who assigned', () => {
    const reassigned = assignTask(playTask(task, operator, t0), admin, admin, t1)
    expect(reassigned).toMatchObject({
      status: 'TODO',
      assignee_uid: admin,
      assignee_updated_by: admin,
    })
  })
})
