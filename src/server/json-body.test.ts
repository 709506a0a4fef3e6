import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findUnstorableValues, mayHoldUnstorableValues } from './json-body'

// JSON text as clients write it, with the values that cannot be stored mixed in: escaped
// NUL and lone surrogates, and number literals that overflow to Infinity.
const hostileString = fc.constantFrom('\u0000', '\ud800', 'a\udfffb', 'x\u0000y')
const hostileNumber = fc.constantFrom('1e309', '-2E400', `1${'0'.repeat(320)}`)
const jsonWithHostileParts = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }),
    fc.option(fc.tuple(fc.string(), hostileString), { nil: undefined }),
    fc.option(hostileNumber, { nil: undefined }),
  )
  .map(([value, badString, badNumber]) => {
    const parts = [JSON.stringify(value)]
    if (badString) {
      parts.push(JSON.stringify({ [badString[0]]: badString[1] }))
    }
    if (badNumber) {
      parts.push(badNumber)
    }
    return `[${parts.join(',')}]`
  })

describe('the unstorable-value check of request bodies', () => {
  it('never skips a body that holds an unstorable value', () => {
    fc.assert(
      fc.property(jsonWithHostileParts, (text) => {
        if (findUnstorableValues(JSON.parse(text)).length > 0) {
          expect(mayHoldUnstorableValues(text)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('lets an ordinary batch through without a walk', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      fields: { title: `Review claim CLM-${i}`, country: 'FR', amount: 1234.56, tags: ['a'] },
      due_at: '2030-01-02T03:04:05.678Z',
    }))
    expect(mayHoldUnstorableValues(JSON.stringify({ items }))).toBe(false)
  })

  it('names the path of each problem, keys escaped as JSON pointers', () => {
    const body = JSON.parse(
      '{"items":[{"fields":{"a/b~c":"\\u0000","ok":1}},{"fields":{"n":1e309,"k\\ud800":2}}]}',
    )
    expect(findUnstorableValues(body)).toEqual(
      expect.arrayContaining([
        { path: '/body/items/0/fields/a~1b~0c', message: expect.stringContaining('NUL') },
        { path: '/body/items/1/fields/n', message: 'must be a finite number' },
        {
          path: '/body/items/1/fields/k\ud800',
          message: expect.stringMatching(/^key .*surrogate/),
        },
      ]),
    )
    expect(findUnstorableValues(body)).toHaveLength(3)
  })
})
