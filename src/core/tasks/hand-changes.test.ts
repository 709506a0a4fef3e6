import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import type { QueueRule } from '../routing/route-task'
import {
  type Assignable,
  applyHandChanges,
  assigneeFor,
  assigneeRef,
  queueFor,
  refuseHandChangesBelowAdmin,
  refuseStartedWithoutAssignee,
} from './hand-changes'
import type { WorkClock } from './lifecycle'
import { newTaskState } from './task-state'

const clock: WorkClock = { now: new Date('2026-01-01T10:00:00Z'), businessMsBetween: () => 0 }
const routing = {
  now: clock.now,
  slaBreach: () => ({ sla_breach_at: null, sla_breach_business_at: null }),
}
const ANA = '00000000-0000-4000-8000-00000000000a'
const ADMIN = '00000000-0000-4000-8000-00000000000b'
const users: Assignable[] = [
  { uid: ANA, email: 'ana@example.com', role: 'operator', active: true },
  { uid: 'v', email: 'viewer@example.com', role: 'viewer', active: true },
  { uid: 'g', email: 'gone@example.com', role: 'admin', active: false },
]
const queue: QueueRule = {
  uid: '00000000-0000-4000-8000-000000000001',
  position: 0,
  condition: { combinator: 'and', conditions: [] },
  skills: [],
  sla_policy: null,
}

function fieldsOf(run: () => unknown): { code: string; paths: string[] } {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) {
      return { code: error.code, paths: error.fields.map((field) => field.path) }
    }
    throw error
  }
  throw new Error('expected an AppError')
}

describe('assigneeRef', () => {
  it('reads a uid or an email (lower-cased), null to unassign, nothing when absent', () => {
    expect(assigneeRef({ assignee_email: 'Ana@Example.com' }, '/body')).toEqual({
      key: 'assignee_email',
      email: 'ana@example.com',
    })
    expect(assigneeRef({ assignee_uid: ANA }, '/body')).toEqual({ key: 'assignee_uid', uid: ANA })
    expect(assigneeRef({ assignee_uid: null }, '/body')).toBeNull()
    expect(assigneeRef({}, '/body')).toBeUndefined()
  })

  it('refuses both keys at once, naming assignee_email', () => {
    expect(
      fieldsOf(() => assigneeRef({ assignee_uid: ANA, assignee_email: 'a@b.c' }, '/body/items/2')),
    ).toEqual({ code: 'validation_failed', paths: ['/body/items/2/assignee_email'] })
  })
})

describe('assigneeFor', () => {
  it('finds an active user who may work tasks', () => {
    expect(
      assigneeFor({ key: 'assignee_email', email: 'ana@example.com' }, users, '/body').uid,
    ).toBe(ANA)
  })

  it.each([
    [{ key: 'assignee_email' as const, email: 'nobody@example.com' }, 'is not a user'],
    [{ key: 'assignee_email' as const, email: 'viewer@example.com' }, 'cannot work tasks'],
    [{ key: 'assignee_uid' as const, uid: 'g' }, 'deactivated'],
  ])('refuses %o with a 422 naming the key', (ref, message) => {
    try {
      assigneeFor(ref, users, '/body')
      throw new Error('accepted')
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).fields).toEqual([
        { path: `/body/${ref.key}`, message: expect.stringContaining(message) },
      ])
    }
  })
})

describe('queueFor', () => {
  it('finds the queue, passes null and absence through, and names an unknown one', () => {
    expect(queueFor(queue.uid.toUpperCase(), [queue], '/body')).toBe(queue)
    expect(queueFor(null, [queue], '/body')).toBeNull()
    expect(queueFor(undefined, [queue], '/body')).toBeUndefined()
    expect(fieldsOf(() => queueFor(ANA, [queue], '/body')).paths).toEqual(['/body/queue_uid'])
  })
})

describe('refuseHandChangesBelowAdmin', () => {
  const task = { assignee_uid: ANA, queue_uid: queue.uid }

  it('lets admins change anything', () => {
    expect(() =>
      refuseHandChangesBelowAdmin('admin', null, { assigneeUid: ANA, queue }, {}, '/body'),
    ).not.toThrow()
  })

  it('lets an operator repeat the current assignee and queue', () => {
    const body = { assignee_uid: ANA, queue_uid: queue.uid }
    expect(() =>
      refuseHandChangesBelowAdmin('operator', task, { assigneeUid: ANA, queue }, body, '/body'),
    ).not.toThrow()
  })

  it('refuses an operator a change, naming each key sent', () => {
    const body = { assignee_email: 'x@example.com', queue_uid: null }
    expect(
      fieldsOf(() =>
        refuseHandChangesBelowAdmin(
          'operator',
          task,
          { assigneeUid: 'v', queue: null },
          body,
          '/body',
        ),
      ),
    ).toEqual({ code: 'forbidden', paths: ['/body/assignee_email', '/body/queue_uid'] })
  })
})

describe('applyHandChanges', () => {
  const fresh = newTaskState({ fields: { title: 't' }, status: 'STARTED' }, clock, ANA)

  it('assigns, keeps the status asked for, and routes by hand', () => {
    const next = applyHandChanges(
      fresh,
      { assigneeUid: ANA, queue },
      'STARTED',
      ADMIN,
      clock,
      routing,
    )
    expect(next).toMatchObject({
      assignee_uid: ANA,
      assignee_updated_by: ADMIN,
      status: 'STARTED',
      queue_uid: queue.uid,
      queue_updated_by: ADMIN,
      queued_at: clock.now,
    })
  })

  it('unassigns with null, and leaves a queue it is already in alone', () => {
    const held = { ...fresh, assignee_uid: ANA, queue_uid: queue.uid }
    const next = applyHandChanges(
      held,
      { assigneeUid: null, queue },
      undefined,
      ADMIN,
      clock,
      routing,
    )
    expect(next).toMatchObject({ assignee_uid: null, status: 'TODO', queue_updated_by: null })
  })
})

describe('refuseStartedWithoutAssignee', () => {
  const refusal = (
    before: { status: 'TODO' | 'STARTED' | 'DONE'; assignee_uid: string | null } | null,
    after: { status: 'TODO' | 'STARTED' | 'DONE'; assignee_uid: string | null },
  ) => {
    try {
      refuseStartedWithoutAssignee(before, after, '/body/items/2')
      return null
    } catch (error) {
      return error as AppError
    }
  }

  it('refuses a task set to STARTED, or left started, with nobody assigned', () => {
    const error = refusal(
      { status: 'TODO', assignee_uid: null },
      { status: 'STARTED', assignee_uid: null },
    )
    expect(error).toBeInstanceOf(AppError)
    expect(error?.status).toBe(422)
    expect(error?.fields).toEqual([
      {
        path: '/body/items/2/status',
        message: 'STARTED needs an assignee: give assignee_uid or assignee_email',
      },
    ])
    expect(
      refusal({ status: 'STARTED', assignee_uid: 'u' }, { status: 'STARTED', assignee_uid: null }),
    ).toBeInstanceOf(AppError)
    expect(refusal(null, { status: 'STARTED', assignee_uid: null })).toBeInstanceOf(AppError)
  })

  it('lets a started task with an assignee, any other status, and an old unassigned start be', () => {
    expect(
      refusal({ status: 'TODO', assignee_uid: null }, { status: 'STARTED', assignee_uid: 'u' }),
    ).toBeNull()
    expect(
      refusal({ status: 'STARTED', assignee_uid: 'u' }, { status: 'TODO', assignee_uid: null }),
    ).toBeNull()
    expect(
      refusal({ status: 'STARTED', assignee_uid: null }, { status: 'STARTED', assignee_uid: null }),
    ).toBeNull()
  })
})
