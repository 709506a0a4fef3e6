import { describe, expect, it } from 'vitest'
import {
  buildTaskQuery,
  clearedFilters,
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  isFiltered,
} from './backlog-filters'

describe('buildTaskQuery', () => {
  it('asks for open tasks, 50 a page, by due date when nothing is chosen', () => {
    expect(buildTaskQuery(DEFAULT_FILTERS, null, null)).toEqual({
      limit: 50,
      status: 'TODO,STARTED',
    })
  })

  it('maps every filter to its GET /tasks parameter', () => {
    const query = buildTaskQuery(
      {
        status: 'DONE',
        assignee: 'u1',
        q: '  refund ',
        sort: '-created_at',
        archived: 'all',
        fields: [{ name: 'country', value: 'FR' }],
        params: [{ name: 'tags', value: 'vip' }],
        limit: 25,
      },
      'queue-1',
      'cursor-2',
    )
    expect(query).toEqual({
      limit: 25,
      sort: '-created_at',
      status: 'DONE',
      assignee_uid: 'u1',
      queue_uid: 'queue-1',
      q: 'refund',
      archived: 'all',
      cursor: 'cursor-2',
      country: 'FR',
      tags: 'vip',
    })
  })

  it('sends the default order as no sort, and a chosen one even when it is due_at', () => {
    expect(buildTaskQuery({ ...DEFAULT_FILTERS, sort: 'due_at' }, null, null).sort).toBe('due_at')
  })

  it('leaves status out for any status', () => {
    expect(buildTaskQuery({ ...DEFAULT_FILTERS, status: 'all' }, null, null)).not.toHaveProperty(
      'status',
    )
  })

  it('turns one field named twice into "any of" and prefixes reserved names', () => {
    const query = buildTaskQuery(
      {
        ...DEFAULT_FILTERS,
        fields: [
          { name: 'country', value: 'FR' },
          { name: 'country', value: 'DE' },
          { name: 'status', value: 'vip' },
          { name: 'q', value: 'x' },
        ],
      },
      null,
      null,
    )
    expect(query.country).toEqual(['FR', 'DE'])
    expect(query['fields.status']).toBe('vip')
    expect(query['fields.q']).toBe('x')
    expect(query.status).toBe('TODO,STARTED')
    expect(query).not.toHaveProperty('q')
  })
})

describe('isFiltered and clearedFilters', () => {
  it('counts what narrows the list, not the order or page size', () => {
    expect(isFiltered({ ...DEFAULT_FILTERS, sort: '-due_at', limit: 100 })).toBe(false)
    expect(isFiltered({ ...DEFAULT_FILTERS, archived: 'true' })).toBe(true)
    expect(isFiltered({ ...DEFAULT_FILTERS, params: [{ name: 'tags', value: 'x' }] })).toBe(true)
    expect(
      clearedFilters({ ...DEFAULT_FILTERS, q: 'x', status: 'DONE', sort: '-due_at', limit: 25 }),
    ).toEqual({ ...DEFAULT_FILTERS, sort: '-due_at', limit: 25 })
  })
})

describe('filters in the address', () => {
  it('round-trips every filter', () => {
    const filters = {
      status: 'STARTED' as const,
      assignee: 'u1',
      q: 'refund',
      sort: 'updated_at' as const,
      archived: 'true' as const,
      params: [
        { name: 'tags', value: 'vip' },
        { name: 'due_at_gte', value: '2025-01-01T00:00:00Z' },
      ],
      fields: [
        { name: 'country', value: 'FR' },
        { name: 'country', value: 'DE' },
        { name: 'claim id', value: '12 3' },
      ],
      limit: 100,
    }
    expect(filtersFromSearch(new URLSearchParams(filtersToSearch(filters).toString()))).toEqual(
      filters,
    )
  })

  it('writes nothing for the defaults', () => {
    expect(filtersToSearch(DEFAULT_FILTERS).toString()).toBe('')
  })

  it('falls back to the defaults on values it does not know', () => {
    expect(
      filtersFromSearch(
        new URLSearchParams(
          'status=NOPE&sort=title&limit=7&f.=x&archived=maybe&p.cursor=c&p.country=FR',
        ),
      ),
    ).toEqual(DEFAULT_FILTERS)
  })
})
