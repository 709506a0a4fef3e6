import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { mergeFields } from './fields'

describe('mergeFields', () => {
  it('replaces and adds keys and keeps the others', () => {
    const merged = mergeFields({ title: 'A', country: 'FR', n: 1 }, { country: 'DE', claim: 7 })
    expect(merged).toEqual({ title: 'A', country: 'DE', n: 1, claim: 7 })
  })

  it('removes a key set to null', () => {
    expect(mergeFields({ title: 'A', country: 'FR' }, { country: null })).toEqual({ title: 'A' })
  })

  it('replaces nested objects whole', () => {
    const merged = mergeFields({ title: 'A', meta: { a: 1, b: 2 } }, { meta: { a: 3 } })
    expect(merged.meta).toEqual({ a: 3 })
  })

  it('refuses to remove the title', () => {
    expect(() => mergeFields({ title: 'A' }, { title: null })).toThrow(AppError)
  })

  it('does not change the task it was given', () => {
    const current = { title: 'A', country: 'FR' }
    mergeFields(current, { country: null })
    expect(current).toEqual({ title: 'A', country: 'FR' })
  })
})
