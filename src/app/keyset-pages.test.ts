import { describe, expect, it } from 'vitest'
import { keysetPages } from './keyset-pages'

/** A read over 1..count, `size` rows after `last` (plus `extra` more, as a read may return). */
function numbers(count: number, size: number, extra = 0) {
  const reads: (number | null)[] = []
  const read = async (last: number | null) => {
    reads.push(last)
    const from = (last ?? 0) + 1
    return Array.from(
      { length: Math.max(0, Math.min(size + extra, count - from + 1)) },
      (_, i) => from + i,
    )
  }
  return { read, reads }
}

async function all<T>(pages: AsyncGenerator<T[]>): Promise<T[][]> {
  const seen: T[][] = []
  for await (const page of pages) {
    seen.push(page)
  }
  return seen
}

describe('keysetPages', () => {
  it('yields every row once, a page at a time, each read after the last row of the page before', async () => {
    const { read, reads } = numbers(7, 3)
    expect(await all(await keysetPages(3, read))).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(reads).toEqual([null, 3, 6])
  })

  it('keeps the rows beyond a page for the next one when a read returns more', async () => {
    const { read, reads } = numbers(7, 3, 1)
    expect(await all(await keysetPages(3, read))).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(reads).toEqual([null, 3, 6])
  })

  it('ends after an empty read when the rows fill the last page exactly', async () => {
    const { read, reads } = numbers(6, 3)
    expect(await all(await keysetPages(3, read))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(reads).toEqual([null, 3, 6])
    expect(await all(await keysetPages(3, numbers(0, 3).read))).toEqual([])
  })

  it('reads the first page before it returns, so that a refused read fails the caller', async () => {
    const { read, reads } = numbers(7, 3)
    await keysetPages(3, read)
    expect(reads).toEqual([null])
    await expect(keysetPages(3, () => Promise.reject(new Error('refused')))).rejects.toThrow(
      'refused',
    )
  })
})
