import { describe, expect, it } from 'vitest'
import { movePositions } from './queue-order'

const queues = (...positions: number[]) =>
  positions.map((position, i) => ({ uid: `q${i}`, position }))

describe('movePositions', () => {
  it('swaps neighbours numbered 0, 1, 2…', () => {
    expect(movePositions(queues(0, 1, 2), 2, -1)).toEqual([
      { uid: 'q2', position: 1 },
      { uid: 'q1', position: 2 },
    ])
    expect(movePositions(queues(0, 1, 2), 0, 1)).toEqual([
      { uid: 'q1', position: 0 },
      { uid: 'q0', position: 1 },
    ])
  })

  it('renumbers gaps and ties so the new order holds', () => {
    expect(movePositions(queues(0, 5, 9), 2, -1)).toEqual([
      { uid: 'q2', position: 1 },
      { uid: 'q1', position: 2 },
    ])
    expect(movePositions(queues(3, 3, 3), 1, -1)).toEqual([
      { uid: 'q1', position: 0 },
      { uid: 'q0', position: 1 },
      { uid: 'q2', position: 2 },
    ])
  })

  it('does nothing past either end', () => {
    expect(movePositions(queues(0, 1), 0, -1)).toEqual([])
    expect(movePositions(queues(0, 1), 1, 1)).toEqual([])
  })
})
