import { describe, expect, it } from 'vitest'
import { formatSkills, parseSkills } from './skills'

describe('skills', () => {
  it('parses comma-separated skills once each', () => {
    expect(parseSkills(' fr, de,,fr , it ')).toEqual(['fr', 'de', 'it'])
    expect(parseSkills('')).toEqual([])
  })

  it('formats them back', () => {
    expect(parseSkills(formatSkills(['fr', 'billing']))).toEqual(['fr', 'billing'])
  })
})
