import { describe, expect, it } from 'vitest'
import { timeOrderedUid } from './time-ordered-uid'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('timeOrderedUid', () => {
  it('sorts in the order made, within a millisecond too, whatever the randomness', () => {
    const now = Date.UTC(2030, 0, 1)
    const high = new Uint8Array(16).fill(0xff)
    const low = new Uint8Array(16)
    const uids = [
      timeOrderedUid(now, high),
      timeOrderedUid(now, low),
      timeOrderedUid(now, high),
      timeOrderedUid(now + 1, low),
      // A clock that stepped back keeps counting from where it was.
      timeOrderedUid(now - 5, low),
    ]
    for (const uid of uids) {
      expect(uid).toMatch(UUID_V7)
    }
    expect([...uids].sort()).toEqual(uids)
    expect(new Set(uids).size).toBe(uids.length)
    expect(uids[0]?.slice(0, 13)).toBe(
      `${now.toString(16).padStart(12, '0').slice(0, 8)}-${now.toString(16).padStart(12, '0').slice(8)}`,
    )
  })
})
