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

  it('keep a whole SLA policy: clock, calendar, targets, targets per value and pauses', () => {
    const sla_policy = {
      clock: 'business' as const,
      calendar_uid: '00000000-0000-4000-8000-0000000000ca',
      first_response_minutes: 30,
      resolution_minutes: 480,
      by_field: {
        field: 'priority',
        targets: { urgent: { resolution_minutes: 60 }, low: { first_response_minutes: 120 } },
      },
      pause: {
        while_snoozed: true,
        condition: { field: 'waiting_on', operator: '==' as const, value: 'customer' },
      },
    }
    const result = bodyFromDraft(draftFromQueue({ ...queue, sla_policy }))
    expect(result.ok && result.body.sla_policy).toEqual(sla_policy)
  })

  it('ask for a target, and for a time for every value of the field', () => {
    const draft = { ...draftFromQueue(), name: 'x', slaEnabled: true }
    expect(bodyFromDraft(draft)).toEqual({
      ok: false,
      problems: { '/body/sla_policy': 'Enter a first response time, a resolution time or both' },
    })
    expect(
      bodyFromDraft({
        ...draft,
        slaMinutes: '60',
        slaField: 'priority',
        slaValues: [{ value: 'urgent', firstResponse: '', resolution: '' }],
      }),
    ).toEqual({
      ok: false,
      problems: {
        '/body/sla_policy': 'Give every value of the field a value and a time, or remove it',
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
