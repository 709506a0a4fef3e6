import { describe, expect, it } from 'vitest'
import type { WorkClock } from './lifecycle'
import { describeChanges } from './task-events'
import { newTaskState, patchTaskState, type TaskState } from './task-state'

const clock: WorkClock = { now: new Date('2025-09-11T12:00:00.000Z'), businessMsBetween: () => 0 }
const fields = { title: 'T', a: 1 }
const fresh = newTaskState({ fields }, clock, '11111111-1111-4111-8111-111111111111')
const types = (before: TaskState | null, after: TaskState) =>
  describeChanges(before, after).map((e) => e.type)

describe('describeChanges', () => {
  it('records a new task, and its queue when it has one', () => {
    expect(types(null, fresh)).toEqual(['created'])
    expect(types(null, { ...fresh, queue_uid: 'q' })).toEqual(['created', 'routed'])
  })

  it('names the custom fields that changed', () => {
    const patch: Record<string, unknown> = { a: 2, b: 3 }
    const after = patchTaskState(fresh, { fields: patch }, clock)
    expect(describeChanges(fresh, after)).toEqual([
      { task_uid: fresh.uid, type: 'fields_changed', data: { keys: ['a', 'b'] } },
    ])
  })

  it('tells completion, reopening and archiving apart', () => {
    const done = patchTaskState(fresh, { status: 'DONE' }, clock)
    expect(types(fresh, done)).toEqual(['completed'])
    expect(types(done, patchTaskState(done, { status: 'TODO' }, clock))).toEqual(['reopened'])
    expect(types(fresh, { ...fresh, archived: true })).toEqual(['archived'])
  })

  it('calls STARTED → TODO a pause while the task stays assigned', () => {
    const started = { ...patchTaskState(fresh, { status: 'STARTED' }, clock), assignee_uid: 'u' }
    expect(types(started, { ...started, status: 'TODO' })).toEqual(['paused'])
    expect(types(started, { ...started, status: 'TODO', assignee_uid: null })).toEqual([
      'unassigned',
    ])
  })

  it('records nothing when nothing changed', () => {
    expect(types(fresh, { ...fresh })).toEqual([])
  })
})
