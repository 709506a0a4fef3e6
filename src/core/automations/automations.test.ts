import { describe, expect, it } from 'vitest'
import { MAX_RULE_DEPTH, takeRun, withinDepth } from './bounds'
import { isDue, matchesEvents, momentOf, patchOfActions } from './triggers'

const at = (iso: string) => new Date(iso)

describe('time rules', () => {
  it('fire at the anchor moved by the offset, once it has come', () => {
    const moment = momentOf(at('2026-01-01T10:00:00Z'), -1)
    expect(moment.toISOString()).toBe('2026-01-01T09:59:00.000Z')
    const since = at('2026-01-01T00:00:00Z')
    expect(isDue(moment, at('2026-01-01T09:58:59Z'), since)).toBe(false)
    expect(isDue(moment, at('2026-01-01T09:59:00Z'), since)).toBe(true)
    // A moment that passed while no server ran is still due on start-up.
    expect(isDue(moment, at('2026-01-03T00:00:00Z'), since)).toBe(true)
  })

  it('do not fire for moments before the rule', () => {
    expect(
      isDue(at('2025-12-31T23:59:00Z'), at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z')),
    ).toBe(false)
  })
})

describe('event rules', () => {
  it('match the history entries of a change', () => {
    expect(matchesEvents(['created'], ['created', 'routed'])).toBe(true)
    expect(matchesEvents(['updated'], ['fields_changed'])).toBe(true)
    expect(matchesEvents(['completed'], ['fields_changed'])).toBe(false)
    expect(matchesEvents(['commented'], ['commented'])).toBe(true)
  })
})

describe('actions', () => {
  it('become one PATCH and the comments to add', () => {
    const queue = '00000000-0000-4000-8000-000000000001'
    expect(
      patchOfActions([
        { type: 'set_field', field: 'tier', value: 'gold' },
        { type: 'set_priority', value: 1 },
        { type: 'route', queue_uid: queue },
        { type: 'unassign' },
        { type: 'add_comment', text: 'hello' },
      ]),
    ).toEqual({
      patch: { fields: { tier: 'gold', priority: 1 }, queue_uid: queue, assignee_uid: null },
      comments: ['hello'],
    })
  })
})

describe('loop bounds', () => {
  it('hold rules back past the depth bound', () => {
    expect(withinDepth(0)).toBe(true)
    expect(withinDepth(MAX_RULE_DEPTH - 1)).toBe(true)
    expect(withinDepth(MAX_RULE_DEPTH)).toBe(false)
  })

  it('hold a rule back past its runs per minute, then start a new window', () => {
    const start = at('2026-01-01T00:00:00Z')
    let window = { start: null as Date | null, runs: 0 }
    for (let i = 0; i < 3; i += 1) {
      const taken = takeRun(window, start, 3)
      expect(taken.allowed).toBe(true)
      window = taken.window
    }
    expect(takeRun(window, at('2026-01-01T00:00:59Z'), 3).allowed).toBe(false)
    expect(takeRun(window, at('2026-01-01T00:01:00Z'), 3)).toEqual({
      allowed: true,
      window: { start: at('2026-01-01T00:01:00Z'), runs: 1 },
    })
  })
})
