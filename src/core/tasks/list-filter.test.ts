import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { parseListFilter, RESERVED_LIST_PARAMS } from './list-filter'

function pathsOf(query: Record<string, string | string[]>): string[] {
  try {
    parseListFilter(query)
  } catch (error) {
    if (error instanceof AppError) {
      return error.fields.map((field) => `${field.path}: ${field.message}`)
    }
    throw error
  }
  return []
}

describe('parseListFilter', () => {
  it("reads Fragment's polling parameters: order_by and the exclusive *_after bounds", () => {
    const filter = parseListFilter({
      order_by: 'created_at',
      created_at_after: '2026-01-01T00:00:00Z',
      updated_at_before: '2026-02-01T00:00:00Z',
    })
    expect(filter.sort).toEqual({ key: 'created_at', descending: false })
    expect(filter.ranges).toEqual([
      expect.objectContaining({ field: 'created_at', after: new Date('2026-01-01T00:00:00Z') }),
      expect.objectContaining({ field: 'updated_at', before: new Date('2026-02-01T00:00:00Z') }),
    ])
    // Only a poll's own key waits to settle; `_before` and `_gte` read everything.
    expect(filter.settled).toEqual(['created_at'])
    expect(filter.custom).toEqual([])
  })

  it('refuses an unknown order_by key by name, and a sort that disagrees', () => {
    expect(pathsOf({ order_by: 'priority' })).toEqual([
      expect.stringMatching(/^\/query\/order_by: unknown key "priority"/),
    ])
    expect(pathsOf({ order_by: '-due_at', sort: 'due_at' })).toEqual([
      '/query/order_by: must equal sort when both are given',
    ])
    expect(parseListFilter({ order_by: '-due_at', sort: '-due_at' }).sort.descending).toBe(true)
  })

  it('reads the relation filters, tags and expansions', () => {
    const parent = '123e4567-e89b-12d3-a456-426614174000'
    const filter = parseListFilter({
      parent_uid: parent,
      case_uid: parent,
      assignee_email: 'Ana@Example.com',
      tags: ['a', 'b'],
      expand: 'assignee,children,assignee',
    })
    expect(filter).toMatchObject({
      parentUid: parent,
      caseUid: parent,
      assigneeEmail: 'ana@example.com',
      tags: ['a', 'b'],
      expand: ['assignee', 'children'],
      custom: [],
    })
    expect(pathsOf({ parent_uid: 'x', expand: 'owner' })).toEqual([
      '/query/parent_uid: must be a uuid',
      expect.stringMatching(/^\/query\/expand: unknown expansion "owner"/),
    ])
  })

  it('refuses a custom field given an empty list of values, by name', () => {
    expect(pathsOf({ country: [], "' OR '1'='1": [], city: 'Lyon' })).toEqual([
      '/query/country: must name at least one value',
      "/query/' OR '1'='1: must name at least one value",
    ])
  })

  it('keeps every other name a custom field, and fields.<reserved> too', () => {
    const filter = parseListFilter({ country: 'FR', 'fields.tags': 'red', 'fields.order_by': 'x' })
    expect(filter.custom.map((c) => c.key)).toEqual(['country', 'tags', 'order_by'])
    for (const name of ['order_by', 'created_at_after', 'tags', 'expand', 'assignee_email']) {
      expect(RESERVED_LIST_PARAMS).toContain(name)
    }
  })
})
