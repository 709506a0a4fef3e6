import { describe, expect, it } from 'vitest'
import type { TaskEvent } from '../../api'
import { describeEvent } from './describe-event'

const names = {
  user: (uid: string) => (uid === 'u1' ? 'Ada' : 'someone'),
  queue: (uid: string) => (uid === 'q1' ? 'Disputes' : 'a deleted queue'),
}

const event = (type: TaskEvent['type'], data: TaskEvent['data'] = {}): TaskEvent => ({
  id: 1,
  task_uid: 't',
  type,
  actor_uid: null,
  data,
  automation: null,
  created_at: '2025-09-11T12:00:00Z',
})

describe('describeEvent', () => {
  it.each([
    [event('created'), 'Created'],
    [event('fields_changed', { keys: ['country', 'amount'] }), 'Changed fields: country, amount'],
    [event('routed', { from: null, to: 'q1', by: 'rules' }), 'Routed to Disputes by the rules'],
    [event('routed', { from: 'q1', to: null, by: 'hand' }), 'Taken out of its queue by hand'],
    [event('assigned', { assignee_uid: 'u1' }), 'Assigned to Ada'],
    [event('skipped', { reason: 'customer away' }), 'Skipped: customer away'],
    [event('completed'), 'Completed'],
    [event('commented'), 'Commented'],
  ])('%j reads as a sentence', (entry, text) => {
    expect(describeEvent(entry, names)).toBe(text)
  })
})
