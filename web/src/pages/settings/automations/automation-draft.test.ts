import { describe, expect, it } from 'vitest'
import { MATCH_ALL } from '../../../components/condition-builder/condition'
import { actionFromDraft, draftFromAction, moveItem, newActionDraft } from './action-draft'
import { bodyFromDraft, draftFromAutomation } from './automation-draft'
import type { Automation, AutomationAction } from './automation-types'
import { conditionInWords, triggerInWords } from './trigger-words'

const rule: Automation = {
  uid: '00000000-0000-4000-8000-0000000000a1',
  name: 'Warn before the breach',
  enabled: true,
  trigger: { kind: 'time', anchor: 'sla_due_at', offset_minutes: -120 },
  condition: { field: 'priority', operator: '==', value: 'urgent' },
  actions: [
    { type: 'set_field', field: 'tags', value: ['late', 'sla'] },
    { type: 'set_priority', value: 3 },
    { type: 'send_notification', channel_uids: ['c1'], assignee: true, text: 'Hurry' },
    { type: 'call_webhook', webhook_uid: 'w1' },
  ],
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  runs: 0,
  last_run_at: null,
  skipped_loops: 0,
  skipped_rate: 0,
}

describe('automation drafts', () => {
  it('says triggers in words', () => {
    expect(triggerInWords({ kind: 'event', on: ['created', 'assigned', 'commented'] })).toBe(
      'When a task is created, assigned or commented on',
    )
    expect(triggerInWords(rule.trigger)).toBe('2 hours before the SLA deadline')
    expect(triggerInWords({ kind: 'time', anchor: 'started_at', offset_minutes: 2880 })).toBe(
      '2 days after the start of work',
    )
    expect(triggerInWords({ kind: 'time', anchor: 'due_at', offset_minutes: 0 })).toBe(
      'At the due date',
    )
  })

  it('gives back the rule it was made from', () => {
    const result = bodyFromDraft(draftFromAutomation(rule))
    expect(result).toEqual({
      ok: true,
      body: {
        name: rule.name,
        enabled: true,
        trigger: rule.trigger,
        condition: rule.condition,
        actions: rule.actions,
      },
    })
  })

  it('sends no condition for the empty group, and an event rule by default', () => {
    const draft = { ...draftFromAutomation(), name: ' Start urgent ' }
    expect(draft.condition).toEqual(MATCH_ALL)
    expect(bodyFromDraft(draft)).toEqual({
      ok: true,
      body: {
        name: 'Start urgent',
        enabled: true,
        trigger: { kind: 'event', on: ['created'] },
        condition: null,
        actions: [{ type: 'set_status', status: 'STARTED' }],
      },
    })
  })

  it('names every problem by the body path the API would', () => {
    const draft = {
      ...draftFromAutomation(),
      triggerKind: 'time' as const,
      offsetAmount: '31',
      offsetUnit: 'days' as const,
      actions: [
        newActionDraft('add_comment'),
        newActionDraft('unassign'),
        newActionDraft('send_notification'),
      ],
    }
    expect(bodyFromDraft(draft)).toEqual({
      ok: false,
      problems: {
        '/body/name': 'Enter a name',
        '/body/trigger': 'Enter a whole number, up to 30 days',
        '/body/actions/0': 'Enter the comment',
        '/body/actions/2': 'Pick a channel, a person or the assignee',
      },
    })
    expect(bodyFromDraft({ ...draft, name: 'x', actions: [] })).toMatchObject({
      problems: { '/body/actions': 'Add an action' },
    })
  })

  it('keeps numbers, text and JSON values apart', () => {
    const priority = (text: string) =>
      actionFromDraft({ ...newActionDraft('set_priority'), priority: text })
    expect(priority('2')).toEqual({ ok: true, action: { type: 'set_priority', value: 2 } })
    expect(priority('urgent')).toEqual({
      ok: true,
      action: { type: 'set_priority', value: 'urgent' },
    })
    const field: AutomationAction = { type: 'set_field', field: 'vip', value: true }
    expect(actionFromDraft(draftFromAction(field))).toEqual({ ok: true, action: field })
    expect(
      actionFromDraft({
        ...newActionDraft('set_field'),
        field: 'x',
        valueType: 'json',
        valueText: '{',
      }),
    ).toEqual({ ok: false, message: 'Enter valid JSON' })
  })

  it('moves actions one place at a time', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
  })
})

describe('conditions in words', () => {
  it('says a few plain tests, and anything else as "its condition"', () => {
    expect(conditionInWords(null)).toBe('')
    expect(conditionInWords(MATCH_ALL)).toBe('')
    expect(conditionInWords({ field: 'priority', operator: '==', value: 'urgent' })).toBe(
      ', if priority == "urgent"',
    )
    expect(
      conditionInWords({
        combinator: 'and',
        conditions: [
          { field: 'country', operator: 'in', value: ['FR', 'BE'] },
          { field: 'vip', operator: 'exists' },
        ],
      }),
    ).toBe(', if country in ["FR","BE"] and vip is set')
    const either = {
      combinator: 'or' as const,
      conditions: [{ field: 'a', operator: '==' as const, value: 1 }],
    }
    expect(conditionInWords(either)).toBe(', if its condition holds')
    expect(conditionInWords({ field: 'a', operator: '==', value: 1, negated: true })).toBe(
      ', if its condition holds',
    )
  })
})
