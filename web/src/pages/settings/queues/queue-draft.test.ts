import { describe, expect, it } from 'vitest'
import type { Queue } from '../../../api'
import { bodyFromDraft, draftFromQueue } from './queue-draft'

const queue: Queue = {
  uid: '00000000-0000-4000-8000-000000000001',
  name: 'France',
  description: 'French claims',
  position: 2,
  condition: { field: 'country', operator: '==', value: 'FR' },
  skills: ['fr', 'claims'],
  sla_policy: { resolution_minutes: 240, description: '4 hours' },
  priority: [{ field: 'amount', direction: 'descending' }],
  form_uid: '00000000-0000-4000-9000-000000000001',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
}

describe('queue drafts', () => {
  it('give back the queue they were made from', () => {
    const result = bodyFromDraft(draftFromQueue(queue))
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'France',
        description: 'French claims',
        skills: ['fr', 'claims'],
        sla_policy: { resolution_minutes: 240, description: '4 hours' },
        priority: [{ field: 'amount', direction: 'descending' }],
        condition: { field: 'country', operator: '==', value: 'FR' },
        form_uid: '00000000-0000-4000-9000-000000000001',
      },
    })
  })

  it('start a new queue that matches every task, with no SLA and the default order', () => {
    const result = bodyFromDraft({ ...draftFromQueue(), name: ' New ' })
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'New',
        description: '',
        skills: [],
        sla_policy: null,
        priority: null,
        condition: { combinator: 'and', conditions: [] },
        form_uid: null,
      },
    })
  })

  it('refuse a missing name, a bad SLA and a sort without a field', () => {
    const result = bodyFromDraft({
      ...draftFromQueue(),
      slaEnabled: true,
      slaMinutes: '1.5',
      priority: [{ field: ' ', direction: 'ascending' }],
    })
    expect(result).toEqual({
      ok: false,
      problems: {
        '/body/name': 'Enter a name',
        '/body/sla_policy': 'Enter whole minutes, from 1 to 525600',
        '/body/priority': 'Enter a field for every sort, or remove it',
      },
    })
  })
})
