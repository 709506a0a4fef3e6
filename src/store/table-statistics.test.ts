import { describe, expect, it } from 'vitest'
import { statisticsAreStale } from './table-statistics'

describe('statisticsAreStale', () => {
  it('leaves an empty table alone', () => {
    expect(statisticsAreStale({ relpages: 0, reltuples: -1, pages: 0 })).toBe(false)
  })

  it('analyzes a table with rows that was never analyzed', () => {
    expect(statisticsAreStale({ relpages: 0, reltuples: -1, pages: 3 })).toBe(true)
  })

  it('waits for 1,000 new rows plus 10% of the table, at the measured row density', () => {
    // 20 rows a page, 10,000 rows: stale from 2,000 new rows, that is 100 new pages.
    expect(statisticsAreStale({ relpages: 500, reltuples: 10_000, pages: 599 })).toBe(false)
    expect(statisticsAreStale({ relpages: 500, reltuples: 10_000, pages: 600 })).toBe(true)
  })
})
