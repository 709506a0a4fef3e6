import { describe, expect, it } from 'vitest'
import type { WorkClock } from './lifecycle'
import { newTaskState, patchTaskState, replaceTaskState } from './task-state'

const clockAt = (now: Date): WorkClock => ({ now, businessMsBetween: () => 0 })
const now = clockAt(new Date('2025-09-11T12:00:00.000Z'))
const later = clockAt(new Date('2025-09-11T12:10:00.000Z'))
const uid = '123e4567-e89b-12d3-a456-426614174000'

describe('newTaskState', () => {
  it('defaults to TODO, due now, with a generated uid', () => {
    const state = newTaskState({ fields: { title: 'My first task' } }, now, uid)
    expect(state).toMatchObject({
      uid,
      status: 'TODO',
      due_at: now.now,
      archived: false,
      skills: [],
    })
  })

  it('keeps the client uid (lower-cased), status and due date', () => {
    const other = 'ABCDEF00-0000-4000-8000-000000000000'
    const state = newTaskState(
      { uid: other, status: 'DONE', due_at: '2025-09-12T00:00:00Z', fields: { title: 'T' } },
      now,
      uid,
    )
    expect(state).toMatchObject({ uid: other.toLowerCase(), status: 'DONE', done_at: now.now })
    expect(state.due_at.toISOString()).toBe('2025-09-12T00:00:00.000Z')
  })
})

describe('patchTaskState', () => {
  const fields = { title: 'T', country: 'FR', n: 1 }
  const current = newTaskState({ fields }, now, uid)

  it('merges fields and completes the task', () => {
    const patch: Record<string, unknown> = { n: null, x: 2 }
    const next = patchTaskState(current, { status: 'DONE', fields: patch }, later)
    expect(next.fields).toEqual({ title: 'T', country: 'FR', x: 2 })
    expect(next.done_at).toEqual(later.now)
    expect(next.due_at).toEqual(now.now)
  })

  it('keeps everything not named', () => {
    expect(patchTaskState(current, {}, later)).toEqual(current)
  })
})

describe('replaceTaskState', () => {
  it('replaces fields whole and keeps native keys not given', () => {
    const fields = { title: 'T', a: 1 }
    const current = newTaskState({ status: 'STARTED', fields }, now, uid)
    const next = replaceTaskState(current, { fields: { title: 'U' } }, later)
    expect(next.fields).toEqual({ title: 'U' })
    expect(next.status).toBe('STARTED')
    expect(next.started_at).toEqual(now.now)
  })

  it('is idempotent', () => {
    const current = newTaskState({ fields: { title: 'T' } }, now, uid)
    const body = { status: 'DONE' as const, fields: { title: 'U' } }
    const once = replaceTaskState(current, body, later)
    expect(replaceTaskState(once, body, clockAt(new Date('2030-01-01T00:00:00Z')))).toEqual(once)
  })
})

describe("Fragment's descriptive keys", () => {
  const body = {
    fields: { title: 'T' },
    tags: ['vip'],
    case_uid: 'ABCDEF00-0000-4000-8000-000000000000',
    form_data: { a: 1 },
    external_status: 'open',
    external_created_at: '2025-01-01T00:00:00Z',
  }

  it('are kept on create, with external_status stamped', () => {
    expect(newTaskState(body, now, uid)).toMatchObject({
      tags: ['vip'],
      case_uid: 'abcdef00-0000-4000-8000-000000000000',
      form_data: { a: 1 },
      participants: {},
      review_status: null,
      external_status: 'open',
      external_status_updated_at: now.now,
      external_created_at: new Date('2025-01-01T00:00:00Z'),
    })
  })

  it('are replaced when given, kept when left out, and the stamp moves only on a change', () => {
    const created = newTaskState(body, now, uid)
    const same = patchTaskState(created, { external_status: 'open', review_status: 'ok' }, later)
    expect(same).toMatchObject({ tags: ['vip'], review_status: 'ok' })
    expect(same.external_status_updated_at).toEqual(now.now)
    const changed = replaceTaskState(
      created,
      { fields: { title: 'T' }, external_status: 'closed', tags: [], case_uid: null },
      later,
    )
    expect(changed).toMatchObject({ tags: [], case_uid: null, form_data: { a: 1 } })
    expect(changed.external_status_updated_at).toEqual(later.now)
  })
})
