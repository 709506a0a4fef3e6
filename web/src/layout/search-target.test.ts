import { describe, expect, it } from 'vitest'
import { searchTarget } from './search-target'

describe('searchTarget', () => {
  it('opens a task by its uid', () => {
    expect(searchTarget(' 0B9D5F2E-1C3A-4E5B-8F6A-7D8C9E0F1A2B ')).toBe(
      '/tasks/0b9d5f2e-1c3a-4e5b-8f6a-7d8c9e0f1a2b',
    )
  })

  it('lists tasks of any status matching other text', () => {
    expect(searchTarget('claim 42&x')).toBe('/?q=claim+42%26x&status=all')
  })

  it('does nothing for blank input', () => {
    expect(searchTarget('   ')).toBeNull()
  })
})
