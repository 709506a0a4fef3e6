import { describe, expect, it } from 'vitest'
import { type ClaimGuess, ClaimGuesses, guessHolds } from './claim-guesses'

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

  it('is remembered per operator, the least recently used forgotten past 10,000', () => {
    const guesses = new ClaimGuesses()
    guesses.remember('org', 'first', made)
    for (let i = 0; i < 9_999; i++) {
      guesses.remember('org', `user-${i}`, made)
    }
    // Used again: now the most recent, so the next newcomer pushes out user-0 instead.
    guesses.remember('org', 'first', { skills: [], queue: null })
    guesses.remember('org', 'newcomer', made)
    expect(guesses.guess('org', 'first')).toEqual({ skills: [], queue: null })
    expect(guesses.guess('org', 'user-0')).toBeUndefined()
    expect(guesses.guess('org', 'user-1')).toEqual(made)
    expect(guesses.guess('other-org', 'first')).toBeUndefined()
  })
})
