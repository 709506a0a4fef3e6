import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { decodeCursor, encodeCursor, parseListSort } from './cursor'

const uid = '123e4567-e89b-12d3-a456-426614174000'
const due = { key: 'due_at' as const, descending: false }

describe('cursors', () => {
  it('round-trip a position', () => {
    const position = { sort: due, value: '2025-09-11T12:00:00.000Z', uid }
    expect(decodeCursor(encodeCursor(position), due)).toEqual(position)
  })

  it('round-trip a backward position, and keep forward cursors in their old form', () => {
    const back = { sort: due, value: '2025-09-11T12:00:00.000Z', uid, backward: true }
    expect(decodeCursor(encodeCursor(back), due)).toEqual(back)
    const old = Buffer.from(JSON.stringify(['due_at', 0, back.value, uid])).toString('base64url')
    expect(encodeCursor({ ...back, backward: false })).toBe(old)
    const forged = Buffer.from(JSON.stringify(['due_at', 0, back.value, uid, 2])).toString(
      'base64url',
    )
    expect(() => decodeCursor(forged, due)).toThrow(AppError)
  })

  it('refuse a cursor made for another sort order', () => {
    const cursor = encodeCursor({ sort: due, value: '2025-09-11T12:00:00.000Z', uid })
    expect(() => decodeCursor(cursor, { key: 'due_at', descending: true })).toThrow(AppError)
    expect(() => decodeCursor(cursor, { key: 'created_at', descending: false })).toThrow(AppError)
  })

  it('refuse garbage', () => {
    for (const bad of ['', 'abc', Buffer.from('[1,2]').toString('base64url'), '%%%']) {
      expect(() => decodeCursor(bad, due)).toThrow(AppError)
    }
  })

  it('refuse a cursor with a bad uid or date', () => {
    const forged = (value: unknown, id: unknown) =>
      Buffer.from(JSON.stringify(['due_at', 0, value, id])).toString('base64url')
    expect(() => decodeCursor(forged('2025-01-01T00:00:00Z', "x' or 1=1"), due)).toThrow(AppError)
    expect(() => decodeCursor(forged('yesterday', uid), due)).toThrow(AppError)
  })
})

describe('parseListSort', () => {
  it('defaults to due_at ascending', () => {
    expect(parseListSort(undefined)).toEqual({ key: 'due_at', descending: false })
  })

  it('reads a leading minus as descending', () => {
    expect(parseListSort('-created_at')).toEqual({ key: 'created_at', descending: true })
  })

  it('refuses an unknown key', () => {
    expect(() => parseListSort('title')).toThrow(AppError)
  })
})
