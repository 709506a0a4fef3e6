import { describe, expect, it } from 'vitest'
import type { BulkAction } from '../../contract/bulk'
import type { QueueRule, RoutingContext } from '../routing/route-task'
import {
  actionErrors,
  applyBulkAction,
  type BulkContext,
  bulkEvents,
  canonicalJson,
  changedKeys,
  decodeBulkCursor,
  encodeBulkCursor,
  restoreTask,
  startConflicts,
  undoProblem,
  undoRecord,
} from './bulk-action'
import type { Assignable } from './hand-changes'
import type { WorkClock } from './lifecycle'
import { newTaskState, type TaskState } from './task-state'

const EARLIER = new Date('2026-01-01T09:00:00Z')
const NOW = new Date('2026-01-01T10:00:00Z')
const LATER = new Date('2026-01-01T11:00:00Z')
const clockAt = (now: Date): WorkClock => ({ now, businessMsBetween: () => 0 })
const clock = clockAt(NOW)

const ANA = '00000000-0000-4000-8000-00000000000a'
const BEN = '00000000-0000-4000-8000-00000000000b'
const ADMIN = '00000000-0000-4000-8000-0000000000ad'
const ana: Assignable = { uid: ANA, email: 'ana@example.com', role: 'operator', active: true }
const viewer: Assignable = { uid: BEN, email: 'ben@example.com', role: 'viewer', active: true }

const queue = (uid: string, position: number, country: string | null): QueueRule => ({
  uid,
  position,
  condition: {
    combinator: 'and',
    conditions: country ? [{ field: 'country', operator: '==', value: country }] : [],
  },
  skills: [],
  sla_policy: null,
})
const FR = queue('00000000-0000-4000-8000-000000000f01', 0, 'FR')
const MANUAL = queue('00000000-0000-4000-8000-000000000f02', 1, 'never')
const routing: RoutingContext = {
  queues: [FR, MANUAL],
  now: NOW,
  slaBreach: () => ({ sla_breach_at: null, sla_breach_business_at: null }),
}
const context: BulkContext = { clock, routing, actorUid: ADMIN }

function task(overrides: Partial<TaskState> = {}): TaskState {
  const fresh = newTaskState(
    { fields: { title: 'Refund' } },
    clockAt(EARLIER),
    '00000000-0000-4000-8000-000000000001',
  )
  return { ...fresh, fields: { title: 'Refund', country: 'DE' }, ...overrides }
}

const started = () =>
  task({ status: 'STARTED', assignee_uid: ANA, started_at: EARLIER, work_started_at: EARLIER })

const apply = (state: TaskState, action: BulkAction, extra: Partial<BulkContext> = {}) =>
  applyBulkAction(state, action, { ...context, ...extra })

const changedBy = (state: TaskState, action: BulkAction, extra: Partial<BulkContext> = {}) => {
  const outcome = apply(state, action, extra)
  if (outcome.kind !== 'changed') {
    throw new Error(`expected a change, got ${JSON.stringify(outcome)}`)
  }
  return outcome.after
}

describe('applyBulkAction', () => {
  it('assigns as the assign call does: a started task stops for its new holder', () => {
    const next = changedBy(
      started(),
      { type: 'assign', assignee_uid: BEN.toUpperCase() },
      {
        assignee: { ...ana, uid: BEN },
      },
    )
    expect(next).toMatchObject({
      assignee_uid: BEN,
      assignee_updated_by: ADMIN,
      assigned_at: NOW,
      status: 'TODO',
      work_started_at: null,
      work_ms: 3_600_000,
    })
    expect(
      apply(task({ assignee_uid: ANA }), { type: 'assign', assignee_uid: ANA }, { assignee: ana }),
    ).toEqual({ kind: 'unchanged' })
  })

  it('fails a task for an assignee who cannot work tasks, saying why', () => {
    expect(apply(task(), { type: 'assign', assignee_uid: BEN }, { assignee: viewer })).toEqual({
      kind: 'failed',
      code: 'validation_failed',
      message: expect.stringContaining('is a viewer, who cannot work tasks'),
    })
    expect(apply(task(), { type: 'assign', assignee_uid: BEN }, { assignee: null })).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('is not a user of your organization'),
    })
  })

  it('unassigns back to the pool, awake; an unassigned task is unchanged', () => {
    const snoozed = { ...started(), snooze_expires_at: LATER }
    expect(changedBy(snoozed, { type: 'unassign' })).toMatchObject({
      assignee_uid: null,
      status: 'TODO',
      snooze_expires_at: null,
    })
    expect(apply(task(), { type: 'unassign' })).toEqual({ kind: 'unchanged' })
  })

  it('routes by hand, pins a task to its own queue, and hands it back to the rules', () => {
    expect(changedBy(task(), { type: 'route', queue_uid: MANUAL.uid })).toMatchObject({
      queue_uid: MANUAL.uid,
      queue_updated_by: ADMIN,
      queued_at: NOW,
    })
    const inFrance = task({ fields: { title: 't', country: 'FR' }, queue_uid: FR.uid })
    expect(
      changedKeys(inFrance, changedBy(inFrance, { type: 'route', queue_uid: FR.uid })),
    ).toEqual(['queue_updated_by'])
    const pinned = { ...inFrance, queue_uid: MANUAL.uid, queue_updated_by: ADMIN }
    expect(changedBy(pinned, { type: 'route', automatic: true })).toMatchObject({
      queue_uid: FR.uid,
      queue_updated_by: null,
    })
    expect(apply(inFrance, { type: 'route', automatic: true })).toEqual({ kind: 'unchanged' })
    expect(apply(task(), { type: 'route', queue_uid: ANA })).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('is not a queue of your organization'),
    })
  })

  it('sets a status through the lifecycle, refusing STARTED without an assignee', () => {
    expect(changedBy(task(), { type: 'set_status', status: 'DONE' })).toMatchObject({
      status: 'DONE',
      done_at: NOW,
    })
    expect(apply(task(), { type: 'set_status', status: 'STARTED' })).toEqual({
      kind: 'failed',
      code: 'validation_failed',
      message: 'A started task needs an assignee: assign it first.',
    })
    expect(
      changedBy(task({ assignee_uid: ANA }), { type: 'set_status', status: 'STARTED' }),
    ).toMatchObject({ status: 'STARTED', started_at: NOW, work_started_at: NOW })
    expect(apply(task(), { type: 'set_status', status: 'TODO' })).toEqual({ kind: 'unchanged' })
  })

  it('sets and clears a field, re-routing by the rules as a PATCH does', () => {
    const french = changedBy(task(), { type: 'set_field', key: 'country', value: 'FR' })
    expect(french).toMatchObject({ fields: { country: 'FR' }, queue_uid: FR.uid })
    expect(changedBy(task(), { type: 'set_field', key: 'meta', value: { a: [1] } }).fields).toEqual(
      {
        title: 'Refund',
        country: 'DE',
        meta: { a: [1] },
      },
    )
    expect(changedBy(task(), { type: 'clear_field', key: 'country' }).fields).toEqual({
      title: 'Refund',
    })
    expect(changedBy(task(), { type: 'set_field', key: 'country', value: null }).fields).toEqual({
      title: 'Refund',
    })
    expect(apply(task(), { type: 'set_field', key: 'country', value: 'DE' })).toEqual({
      kind: 'unchanged',
    })
    expect(apply(task(), { type: 'clear_field', key: 'absent' })).toEqual({ kind: 'unchanged' })
  })

  it('snoozes (pausing a started task, keeping its holder) and wakes', () => {
    const until = LATER.toISOString()
    expect(changedBy(started(), { type: 'snooze', until })).toMatchObject({
      status: 'TODO',
      assignee_uid: ANA,
      snooze_expires_at: LATER,
    })
    expect(apply(task({ status: 'DONE', done_at: NOW }), { type: 'snooze', until })).toEqual({
      kind: 'failed',
      code: 'validation_failed',
      message: 'A finished task cannot be snoozed.',
    })
    expect(changedBy(task({ snooze_expires_at: LATER }), { type: 'wake' }).snooze_expires_at).toBe(
      null,
    )
    // Asleep no more: nothing to wake.
    expect(apply(task({ snooze_expires_at: EARLIER }), { type: 'wake' })).toEqual({
      kind: 'unchanged',
    })
  })

  it('archives and restores', () => {
    expect(changedBy(task(), { type: 'archive' }).archived).toBe(true)
    expect(apply(task(), { type: 'restore' })).toEqual({ kind: 'unchanged' })
    expect(changedBy(task({ archived: true }), { type: 'restore' }).archived).toBe(false)
  })
})

describe('actionErrors', () => {
  it('names the key of each action that no task could fix', () => {
    const paths = (action: BulkAction) => actionErrors(action, NOW).map((error) => error.path)
    expect(paths({ type: 'route' })).toEqual(['/body/action/queue_uid'])
    expect(paths({ type: 'route', queue_uid: null, automatic: true })).toEqual([
      '/body/action/queue_uid',
    ])
    expect(paths({ type: 'route', queue_uid: null })).toEqual([])
    expect(paths({ type: 'clear_field', key: 'title' })).toEqual(['/body/action/key'])
    expect(paths({ type: 'set_field', key: 'title', value: 3 })).toEqual(['/body/action/value'])
    expect(paths({ type: 'set_field', key: 'title', value: 'New' })).toEqual([])
    expect(paths({ type: 'snooze', until: EARLIER.toISOString() })).toEqual(['/body/action/until'])
    expect(paths({ type: 'snooze', until: LATER.toISOString() })).toEqual([])
  })
})

describe('startConflicts', () => {
  it('lets one task start per free assignee, in order, and none for a busy one', () => {
    const refused = startConflicts(
      [
        { uid: '1', assignee: ANA },
        { uid: '2', assignee: ANA },
        { uid: '3', assignee: BEN },
      ],
      new Map([[BEN, 1]]),
    )
    expect([...refused].sort()).toEqual(['2', '3'])
  })
})

describe('undo', () => {
  const ACTIONS: [string, TaskState, BulkAction, Partial<BulkContext>?][] = [
    [
      'assign',
      started(),
      { type: 'assign', assignee_uid: BEN },
      { assignee: { ...ana, uid: BEN } },
    ],
    ['unassign', { ...started(), snooze_expires_at: LATER }, { type: 'unassign' }],
    ['route by hand', task(), { type: 'route', queue_uid: MANUAL.uid }],
    [
      'route automatic',
      task({ queue_uid: MANUAL.uid, queue_updated_by: ADMIN, queued_at: EARLIER }),
      { type: 'route', automatic: true },
    ],
    ['set_status', task({ assignee_uid: ANA }), { type: 'set_status', status: 'STARTED' }],
    ['set_status DONE', started(), { type: 'set_status', status: 'DONE' }],
    ['set_field', task(), { type: 'set_field', key: 'country', value: 'FR' }],
    ['set_field new', task(), { type: 'set_field', key: 'fresh', value: [1, 2] }],
    ['clear_field', task(), { type: 'clear_field', key: 'country' }],
    ['snooze', started(), { type: 'snooze', until: LATER.toISOString() }],
    ['wake', task({ snooze_expires_at: LATER }), { type: 'wake' }],
    ['archive', task(), { type: 'archive' }],
    ['restore', task({ archived: true }), { type: 'restore' }],
  ]

  it.each(ACTIONS)(
    '%s: the record keeps only changed keys, and restores them',
    (_, before, action, extra) => {
      const changed = changedBy(before, action, extra)
      const record = undoRecord(before, changed)
      // Through JSON, as stored.
      const stored = JSON.parse(JSON.stringify(record))
      const restored = restoreTask(changed, stored, clockAt(LATER))
      const workKeys = ['work_started_at', 'work_ms', 'work_business_ms']
      const differing = changedKeys(before, restored).filter((key) => !workKeys.includes(key))
      expect(differing).toEqual([])
      const recorded = Object.keys(record)
      for (const key of recorded) {
        expect(changedKeys(before, changed)).toContain(key)
      }
    },
  )

  it('restarts the work interval at the undo, never counting the gap as work', () => {
    const before = started()
    const paused = changedBy(before, { type: 'set_status', status: 'TODO' })
    expect(paused.work_ms).toBe(3_600_000)
    const restored = restoreTask(paused, undoRecord(before, paused), clockAt(LATER))
    expect(restored).toMatchObject({
      status: 'STARTED',
      started_at: EARLIER,
      work_started_at: LATER,
      work_ms: 3_600_000,
    })
  })

  it('records a field that was absent as absent, and removes it again', () => {
    const before = task()
    const changed = changedBy(before, { type: 'set_field', key: 'fresh', value: 'x' })
    expect(undoRecord(before, changed)).toEqual({ fields: { fresh: [] } })
    expect(restoreTask(changed, { fields: { fresh: [] } }, clock).fields).toEqual(before.fields)
  })

  it('skips a task whose old assignee cannot work tasks now, or whose queue is gone', () => {
    const now = task({ assignee_uid: BEN })
    expect(undoProblem(now, { ...now, assignee_uid: ANA }, [ana], [])).toBeNull()
    expect(
      undoProblem(now, { ...now, assignee_uid: ANA }, [{ ...ana, active: false }], []),
    ).toMatchObject({ code: 'validation_failed' })
    expect(undoProblem(now, { ...now, assignee_uid: ANA }, [], [])).toMatchObject({
      code: 'validation_failed',
    })
    expect(undoProblem(now, { ...now, assignee_uid: BEN }, [{ ...viewer }], [])).toBeNull()
    expect(undoProblem(now, { ...now, queue_uid: FR.uid }, [], [])).toMatchObject({
      message: 'Its queue no longer exists.',
    })
    expect(undoProblem(now, { ...now, queue_uid: FR.uid }, [], [FR])).toBeNull()
  })
})

describe('bulkEvents', () => {
  it('writes the single-task history, and `updated` for a change nothing else tells', () => {
    const before = task()
    expect(bulkEvents(before, changedBy(before, { type: 'archive' })).map((e) => e.type)).toEqual([
      'archived',
    ])
    const snoozed = task({ snooze_expires_at: LATER })
    expect(bulkEvents(snoozed, changedBy(snoozed, { type: 'wake' }))).toEqual([
      { task_uid: snoozed.uid, type: 'updated', data: { keys: ['snooze_expires_at'] } },
    ])
  })
})

describe('cursors and requests', () => {
  it('round-trips a cursor, and refuses anything else naming the path', () => {
    const cursor = { bulkUid: ANA, lastUid: BEN }
    expect(decodeBulkCursor(encodeBulkCursor(cursor), '/body/selection/after')).toEqual(cursor)
    for (const bad of ['', 'nope', Buffer.from('["bulk","x","y"]').toString('base64url')]) {
      expect(() => decodeBulkCursor(bad, '/body/selection/after')).toThrow(
        expect.objectContaining({
          fields: [expect.objectContaining({ path: '/body/selection/after' })],
        }),
      )
    }
  })

  it('compares requests whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: [2, { e: 2, f: 1 }] }, b: 1 }),
    )
  })
})

describe('changedKeys', () => {
  it('sees no change in an object whose keys the database reordered', () => {
    const before = task({ fields: { title: 'Refund', customer: { vip: true, name: 'Müller' } } })
    const outcome = apply(before, {
      type: 'set_field',
      key: 'customer',
      value: { name: 'Müller', vip: true },
    })
    expect(outcome).toEqual({ kind: 'unchanged' })
  })
})
