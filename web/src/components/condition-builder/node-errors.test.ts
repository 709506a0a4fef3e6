import { describe, expect, it } from 'vitest'
import { fromCondition, type NodeModel } from './condition-model'
import { placeErrors, splitPointer } from './node-errors'

describe('splitPointer', () => {
  it('follows conditions/N pairs to a node and keeps the rest', () => {
    expect(splitPointer('')).toEqual({ indexes: [], rest: [] })
    expect(splitPointer('/conditions/0/conditions/12/value/3')).toEqual({
      indexes: [0, 12],
      rest: ['value', '3'],
    })
    expect(splitPointer('/conditions')).toEqual({ indexes: [], rest: ['conditions'] })
    expect(splitPointer('/combinator')).toEqual({ indexes: [], rest: ['combinator'] })
  })
})

describe('placeErrors', () => {
  const root = fromCondition({
    combinator: 'and',
    conditions: [
      { field: 'status', operator: '==', value: 'NOPE' },
      {
        combinator: 'or',
        conditions: [{ field: 'queue_uid', operator: 'in', value: ['a', 'b'] }],
      },
    ],
  })
  const child = (node: NodeModel, index: number): NodeModel => {
    if (node.kind !== 'group' || !node.children[index]) {
      throw new Error('no such child')
    }
    return node.children[index]
  }
  const first = child(root, 0)
  const inner = child(root, 1)
  const deep = child(inner, 0)

  it('puts each error on the node and input it names', () => {
    const placed = placeErrors(
      root,
      [
        {
          path: '/body/condition/conditions/0/value',
          message: 'must be one of TODO, STARTED, DONE',
        },
        { path: '/body/condition/conditions/1/conditions/0/value/1', message: 'must be a UUID' },
        { path: '/body/condition/conditions/1/conditions/0/operator', message: 'bad operator' },
        { path: '/body/condition/conditions/1/combinator', message: 'must be and or or' },
        { path: '/body/condition', message: 'must have at most 1000 nodes' },
        { path: '/body/name', message: 'is required' },
      ],
      '/body/condition',
    )
    expect(placed.get(first.id)).toEqual([
      { part: 'value', message: 'must be one of TODO, STARTED, DONE' },
    ])
    expect(placed.get(deep.id)).toEqual([
      { part: 'value', message: 'Item 2: must be a UUID' },
      { part: 'operator', message: 'bad operator' },
    ])
    expect(placed.get(inner.id)).toEqual([{ part: 'node', message: 'must be and or or' }])
    expect(placed.get(root.id)).toEqual([{ part: 'node', message: 'must have at most 1000 nodes' }])
    expect([...placed.keys()]).toHaveLength(4)
  })

  it('shows an error about a node that is gone on the root', () => {
    const placed = placeErrors(
      root,
      [{ path: '/body/condition/conditions/5/field', message: 'stale' }],
      '/body/condition',
    )
    expect(placed.get(root.id)).toEqual([{ part: 'node', message: 'stale' }])
  })

  it('does not take /body/conditionx for the condition', () => {
    const placed = placeErrors(
      root,
      [{ path: '/body/conditions', message: 'x' }],
      '/body/condition',
    )
    expect(placed.size).toBe(0)
  })
})
