import { describe, expect, it } from 'vitest'
import type { TaskForCompletion } from '../store/completion'
import type { TaskRecord } from '../store/tasks'
import { type ClaimGuess, guessHolds, PlayerMemory } from './player-memory'

const byAmount = [{ field: 'amount', direction: 'descending' as const }]
const made: ClaimGuess = { skills: ['german', 'legal'], queue: { uid: 'q1', priority: byAmount } }

describe('a claim guess', () => {
  it('holds only for the same skills, in order, the same queue and the same order', () => {
    expect(guessHolds(made, structuredClone(made))).toBe(true)
    expect(guessHolds(made, { ...made, skills: ['german'] })).toBe(false)
    expect(guessHolds(made, { ...made, skills: ['legal', 'german'] })).toBe(false)
    expect(guessHolds(made, { ...made, queue: { uid: 'q2', priority: byAmount } })).toBe(false)
    expect(guessHolds(made, { ...made, queue: { uid: 'q1', priority: null } })).toBe(false)
    expect(guessHolds(made, { ...made, queue: null })).toBe(false)
    expect(guessHolds({ skills: [], queue: null }, { skills: [], queue: null })).toBe(true)
  })
})

describe('the player memory', () => {
  const task = (uid: string, queue: string | null) =>
    ({ uid, queue_uid: queue, status: 'STARTED' }) as TaskRecord
  const read = (uid: string, queue: string | null, fieldsVersion: string): TaskForCompletion => ({
    task: task(uid, queue),
    version: '7',
    form: queue === 'with-form' ? { uid: 'form', sections: [] } : null,
    definitions: [],
    fieldsVersion,
  })

  it('forgets the least recently used operators past 10,000', () => {
    const memory = new PlayerMemory()
    memory.rememberClaim('org', 'first', made)
    for (let i = 0; i < 9_999; i++) {
      memory.rememberClaim('org', `user-${i}`, made)
    }
    // Read again: now the most recently used, so the next newcomer pushes out user-0 instead.
    expect(memory.claimGuess('org', 'first')).toEqual(made)
    memory.rememberClaim('org', 'newcomer', made)
    expect(memory.claimGuess('org', 'first')).toEqual(made)
    expect(memory.claimGuess('org', 'user-0')).toBeUndefined()
    expect(memory.claimGuess('org', 'user-1')).toEqual(made)
    expect(memory.claimGuess('other-org', 'first')).toBeUndefined()
  })

  it('offers a completion only with the task played and the form of its queue both known', () => {
    const memory = new PlayerMemory()
    memory.rememberPlayed('org', 'op', { task: task('t1', 'with-form'), version: '9' })
    expect(memory.completionOf('org', 'op', undefined)).toBeUndefined()
    // What a completion of another task of that queue read, at fields version 3.
    memory.rememberCompletionRules('org', read('t0', 'with-form', '3'))
    expect(memory.completionOf('org', 'op', undefined)).toMatchObject({
      task: { uid: 't1' },
      version: '9',
      form: { uid: 'form' },
      fieldsVersion: '3',
    })
    expect(memory.completionOf('org', 'op', 'T1')).toMatchObject({ task: { uid: 't1' } })
    expect(memory.completionOf('org', 'op', 't2')).toBeUndefined()
    expect(memory.completionOf('org', 'someone-else', undefined)).toBeUndefined()
    // A newer version replaces every form known at the older one.
    memory.rememberCompletionRules('org', read('t3', 'plain', '4'))
    expect(memory.completionOf('org', 'op', undefined)).toBeUndefined()
    memory.rememberCompletionRules('org', read('t4', 'with-form', '4'))
    expect(memory.completionOf('org', 'op', undefined)?.fieldsVersion).toBe('4')
    memory.forgetPlayed('org', 'op')
    expect(memory.completionOf('org', 'op', undefined)).toBeUndefined()
    memory.forgetPlayed('org', 'never-played')
    memory.rememberPlayed('org', 'op', { task: task('t5', 'with-form'), version: '10' })
    expect(memory.completionOf('org', 'op', undefined)).toMatchObject({ task: { uid: 't5' } })
  })
})
