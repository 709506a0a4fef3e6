import { describe, expect, it } from 'vitest'
import { draftAction } from './bulk-bar'

const DRAFT = {
  type: 'assign' as const,
  assignee: '',
  route: 'automatic',
  status: 'DONE' as const,
  fieldKey: '',
  fieldValue: '',
  until: '',
}

describe('draftAction', () => {
  it('says what is missing before an action can be sent', () => {
    expect(draftAction(DRAFT)).toBe('Choose who.')
    expect(draftAction({ ...DRAFT, type: 'set_field' })).toBe('Name the field.')
    expect(draftAction({ ...DRAFT, type: 'snooze' })).toBe('Choose until when.')
  })

  it('builds each action of POST /tasks/bulk', () => {
    expect(draftAction({ ...DRAFT, assignee: 'u1' })).toEqual({
      type: 'assign',
      assignee_uid: 'u1',
    })
    expect(draftAction({ ...DRAFT, type: 'route' })).toEqual({ type: 'route', automatic: true })
    expect(draftAction({ ...DRAFT, type: 'route', route: 'none' })).toEqual({
      type: 'route',
      queue_uid: null,
    })
    expect(draftAction({ ...DRAFT, type: 'route', route: 'q1' })).toEqual({
      type: 'route',
      queue_uid: 'q1',
    })
    expect(
      draftAction({ ...DRAFT, type: 'set_field', fieldKey: ' country ', fieldValue: 'FR' }),
    ).toEqual({
      type: 'set_field',
      key: 'country',
      value: 'FR',
    })
    expect(draftAction({ ...DRAFT, type: 'clear_field', fieldKey: 'country' })).toEqual({
      type: 'clear_field',
      key: 'country',
    })
    const snooze = draftAction({ ...DRAFT, type: 'snooze', until: '2030-01-02T03:04' })
    expect(snooze).toEqual({ type: 'snooze', until: new Date(2030, 0, 2, 3, 4).toISOString() })
    expect(draftAction({ ...DRAFT, type: 'archive' })).toEqual({ type: 'archive' })
    expect(draftAction({ ...DRAFT, type: 'unassign' })).toEqual({ type: 'unassign' })
  })
})
