import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTERS, filtersFromSearch } from './backlog-filters'
import { columnsFromSearch } from './columns'
import { sameContent, viewContent, viewHref, viewLocation } from './view-state'

const QUEUE = '00000000-0000-4000-8000-000000000101'

describe('views and the backlog state', () => {
  it('save the filter as GET /tasks reads it, with the queue, columns and sort', () => {
    const content = viewContent(
      {
        ...DEFAULT_FILTERS,
        q: 'müller',
        sort: '-created_at',
        fields: [
          { name: 'country', value: 'FR' },
          { name: 'country', value: 'DE' },
          { name: 'tags', value: 'x' },
        ],
      },
      QUEUE,
      [{ key: 'fields.title', width: 300 }, { key: 'fields' }, { key: 'status' }],
    )
    expect(content).toEqual({
      filter: {
        status: 'TODO,STARTED',
        queue_uid: QUEUE,
        q: 'müller',
        country: ['FR', 'DE'],
        'fields.tags': 'x',
      },
      // The summary is on screen only.
      columns: [{ key: 'fields.title', width: 300 }, { key: 'status' }],
      sort: '-created_at',
    })
  })

  it('open where they were saved, with nothing lost', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      status: 'DONE' as const,
      assignee: 'u1',
      archived: 'all' as const,
      fields: [{ name: 'tags', value: 'vip' }],
      params: [{ name: 'due_at_gte', value: '2025-01-01T00:00:00.000Z' }],
    }
    const content = viewContent(filters, QUEUE, null)
    const location = viewLocation(content, 50)
    expect(location).toEqual({ queueUid: QUEUE, filters, columns: null })
    expect(
      sameContent(viewContent(location.filters, location.queueUid, location.columns), content),
    ).toBe(true)
  })

  it('keep what the bar has no control for as other filters', () => {
    const location = viewLocation(
      { filter: { status: 'TODO,DONE', tags: ['a', 'b'], limit: '5' }, columns: [], sort: 'title' },
      25,
    )
    expect(location.filters).toMatchObject({
      status: 'all',
      sort: null,
      limit: 25,
      params: [
        { name: 'status', value: 'TODO,DONE' },
        { name: 'tags', value: 'a' },
        { name: 'tags', value: 'b' },
      ],
    })
  })

  it('link to the whole state, view uid included', () => {
    const href = viewHref(
      {
        uid: 'v1',
        filter: { queue_uid: QUEUE, q: 'refund' },
        columns: [{ key: 'status', width: 90 }],
        sort: 'updated_at',
      },
      50,
    )
    const url = new URL(href, 'http://app.test')
    expect(url.pathname).toBe(`/queues/${QUEUE}`)
    expect(url.searchParams.get('view')).toBe('v1')
    expect(filtersFromSearch(url.searchParams)).toMatchObject({
      status: 'all',
      q: 'refund',
      sort: 'updated_at',
    })
    expect(columnsFromSearch(url.searchParams)).toEqual([{ key: 'status', width: 90 }])
  })

  it('compare contents regardless of key order and single values', () => {
    expect(
      sameContent(
        { filter: { a: '1', b: ['2'] }, columns: [], sort: null },
        { filter: { b: '2', a: ['1'] }, columns: [], sort: null },
      ),
    ).toBe(true)
    expect(
      sameContent(
        { filter: {}, columns: [{ key: 'status' }], sort: null },
        { filter: {}, columns: [{ key: 'status', width: 80 }], sort: null },
      ),
    ).toBe(false)
  })
})
